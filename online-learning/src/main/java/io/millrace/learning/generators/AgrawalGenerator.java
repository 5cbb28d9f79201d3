package io.millrace.learning.generators;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The Agrawal loan-applicant stream: six numeric attributes (salary, commission, age, house value,
 * years owned, loan) and three nominal ones (education level, car make, zip code), labelled by one of
 * ten loan functions; optional perturbation of the numeric values and class balancing.
 *
 * <p>R. Agrawal, T. Imielinski and A. Swami, "Database mining: a performance perspective", IEEE TKDE
 * 5(6), 1993 (functions of page 924). Instance for instance equal to MOA's {@code AgrawalGenerator} for
 * the same options and seed, including two quirks kept on purpose: commission is drawn only when salary
 * is under 75,000, and with perturbation on the house value is clamped to at most 135,000 (MOA passes
 * 135000 as the upper bound).
 */
public final class AgrawalGenerator implements InstanceStream {

    /**
     * Options, defaults as MOA's.
     *
     * @param function        loan function 1 to 10 (MOA {@code -f}, default 1)
     * @param perturbFraction noise added to numeric values as a fraction of their range, 0 to 1 (MOA
     *                        {@code -p peturbFraction}, default 0.05)
     * @param balanceClasses  alternate the classes, rejecting draws of the wrong class (MOA {@code -b})
     * @param seed            seed of the instance random generator (MOA {@code -i}, default 1)
     */
    public record Config(int function, double perturbFraction, boolean balanceClasses, long seed) {

        public static final Config DEFAULT = new Config(1, 0.05, false, 1);

        public Config {
            GeneratorChecks.inRange("function", function, 1, AgrawalFunctions.COUNT);
            GeneratorChecks.inRange("perturbFraction", perturbFraction, 0.0, 1.0);
        }

        public Config withFunction(int value) {
            return new Config(value, perturbFraction, balanceClasses, seed);
        }

        public Config withPerturbFraction(double value) {
            return new Config(function, value, balanceClasses, seed);
        }

        public Config withBalanceClasses(boolean value) {
            return new Config(function, perturbFraction, value, seed);
        }

        public Config withSeed(long value) {
            return new Config(function, perturbFraction, balanceClasses, value);
        }
    }

    public static final Header HEADER = new Header("agrawal", List.of(
        Attribute.numeric("salary"),
        Attribute.numeric("commission"),
        Attribute.numeric("age"),
        Attribute.nominal("elevel", labels("level", 0, 5)),
        Attribute.nominal("car", labels("car", 1, 20)),
        Attribute.nominal("zipcode", labels("zipcode", 1, 9)),
        Attribute.numeric("hvalue"),
        Attribute.numeric("hyears"),
        Attribute.numeric("loan")),
        Attribute.nominal("class", "groupA", "groupB"));

    private final Config config;
    private Random random;
    private boolean nextClassShouldBeZero;

    public AgrawalGenerator(Config config) {
        this.config = config;
        restart();
    }

    public Config config() {
        return config;
    }

    @Override
    public Header header() {
        return HEADER;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Instance next() {
        AgrawalFunctions.Applicant applicant;
        int group;
        do {
            applicant = drawApplicant();
            group = AgrawalFunctions.classify(config.function(), applicant);
        } while (!acceptClass(group));
        if (config.perturbFraction() > 0.0) {
            applicant = perturb(applicant);
        }
        return new Instance(applicant.toFeatures(), group, HEADER);
    }

    private AgrawalFunctions.Applicant drawApplicant() {
        double salary = 20000.0 + 130000.0 * random.nextDouble();
        double commission = salary >= 75000.0 ? 0 : 10000.0 + 65000.0 * random.nextDouble();
        int age = 20 + random.nextInt(61);
        int elevel = random.nextInt(5);
        int car = random.nextInt(20);
        int zipcode = random.nextInt(9);
        double hvalue = (9.0 - zipcode) * 100000.0 * (0.5 + random.nextDouble());
        int hyears = 1 + random.nextInt(30);
        double loan = random.nextDouble() * 500000.0;
        return new AgrawalFunctions.Applicant(salary, commission, age, elevel, car, zipcode, hvalue, hyears, loan);
    }

    private AgrawalFunctions.Applicant perturb(AgrawalFunctions.Applicant a) {
        double salary = perturb(a.salary(), 20000, 150000);
        double commission = a.commission() > 0 ? perturb(a.commission(), 10000, 75000) : a.commission();
        int age = (int) Math.round(perturb(a.age(), 20, 80));
        double hvalue = perturb(a.hvalue(), (9.0 - a.zipcode()) * 100000.0, 0, 135000);
        int hyears = (int) Math.round(perturb(a.hyears(), 1, 30));
        double loan = perturb(a.loan(), 0, 500000);
        return new AgrawalFunctions.Applicant(salary, commission, age, a.elevel(), a.car(), a.zipcode(),
            hvalue, hyears, loan);
    }

    private double perturb(double value, double min, double max) {
        return perturb(value, max - min, min, max);
    }

    private double perturb(double value, double range, double min, double max) {
        double moved = value + range * (2.0 * (random.nextDouble() - 0.5)) * config.perturbFraction();
        if (moved < min) {
            return min;
        }
        return moved > max ? max : moved;
    }

    /** With balanced classes, accepts only the class whose turn it is and then passes the turn. */
    private boolean acceptClass(int group) {
        if (!config.balanceClasses()) {
            return true;
        }
        if ((group == 0) != nextClassShouldBeZero) {
            return false;
        }
        nextClassShouldBeZero = !nextClassShouldBeZero;
        return true;
    }

    @Override
    public void restart() {
        random = new Random(config.seed());
        nextClassShouldBeZero = false;
    }

    private static List<String> labels(String prefix, int first, int count) {
        List<String> labels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            labels.add(prefix + (first + i));
        }
        return labels;
    }
}
