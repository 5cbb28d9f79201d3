package io.millrace.learning.generators;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * The demo's card payments: a population of accounts with their own habits pays through the day, a
 * few percent of payments are fraud, each label arrives some time after its payment, and the fraud
 * pattern changes at a chosen event. Seeded and deterministic; events come in non-decreasing event time.
 *
 * <p>Each {@link Payment} has five features: {@code amount} (euros, cents), {@code merchant_category}
 * (nominal), {@code hour} (of the event time, UTC), {@code country} (nominal) and {@code distance_km}
 * (from the account's home). Genuine payments follow the account: its typical amount scaled by the
 * category's price level, its favourite categories, its waking hours, mostly at home.
 *
 * <ul>
 *   <li><b>Before {@code changeAt}</b> fraud is a stolen card used abroad: big amounts (6 to 20 times
 *   the account's usual, at least 200) in electronics, jewelry or travel, 90% of it abroad, far from
 *   home, mostly at night: a payment between midnight and 6 am is six times as likely to be fraud as
 *   one in the day.</li>
 *   <li><b>From {@code changeAt} on</b> fraud is card testing: bursts of 3 to 8 small payments (0.50 to
 *   5.00) a minute or two apart on one account, at home, in {@code gift_cards}, a category nobody used
 *   before the change (genuine customers start using it too, for 1% of their payments), at any hour.</li>
 * </ul>
 * In both patterns the expected share of fraud among all payments is {@code fraudRate}. A label
 * becomes known {@code labelDelayMinMs} plus an exponential delay of mean {@code labelDelayMeanMs}
 * after its payment; a card test's label no sooner than {@link #CARD_TESTING_MIN_LABEL_DELAY_MS}
 * (half an hour) plus that exponential delay, because small charges go unnoticed for a while. So a
 * model that learns from the labels keeps missing card tests for at least half an hour after the
 * change, long enough for a detector on its error stream to see it (see {@code PaymentsDriftSignalTest}).
 */
public final class PaymentsGenerator {

    public static final String AMOUNT = "amount";
    public static final String MERCHANT_CATEGORY = "merchant_category";
    public static final String HOUR = "hour";
    public static final String COUNTRY = "country";
    public static final String DISTANCE_KM = "distance_km";

    /** The category card testers use after the change; declared in {@link #HEADER} from the start. */
    public static final String NEW_CATEGORY = PaymentWorld.NEW_CATEGORY;

    /** The instance view of a payment: features in this order, class 0 legit, 1 fraud. */
    public static final Header HEADER = new Header("payments", List.of(
        Attribute.numeric(AMOUNT),
        Attribute.nominal(MERCHANT_CATEGORY, PaymentWorld.categoryNames()),
        Attribute.numeric(HOUR),
        Attribute.nominal(COUNTRY, PaymentWorld.countryCodes()),
        Attribute.numeric(DISTANCE_KM)),
        Attribute.nominal("fraud", "legit", "fraud"));

    /** The shortest delay of a card test's label (when {@code labelDelayMinMs} is not longer): 30 minutes. */
    public static final long CARD_TESTING_MIN_LABEL_DELAY_MS = 30 * 60_000L;

    /** {@code changeAt} value for a stream whose fraud pattern never changes. */
    public static final long NEVER = Long.MAX_VALUE;

    private static final long HOUR_MS = 3_600_000L;
    private static final int CARD_TESTING_CATEGORY = PaymentWorld.categoryIndex(NEW_CATEGORY);
    private static final int MIN_BURST = 3;
    private static final int MAX_BURST = 8;

    /**
     * Options.
     *
     * @param accounts         number of accounts (entities), default 1,000
     * @param fraudRate        expected share of fraudulent payments, 0 to 0.5, default 0.02
     * @param changeAt         0-based index of the first event of the second fraud pattern, default {@link #NEVER}
     * @param startTimeMs      event time the stream starts at, default 2024-01-01T00:00:00Z
     * @param meanGapMs        mean time between payments over a day, default 1,000 ms (86,400 a day)
     * @param labelDelayMinMs  shortest label delay, default 5 minutes (a card test's: at least 30 minutes)
     * @param labelDelayMeanMs mean of the exponential part of the label delay, default 1 hour
     * @param seed             seed of everything: accounts and events
     */
    public record Config(int accounts, double fraudRate, long changeAt, long startTimeMs, double meanGapMs,
                         long labelDelayMinMs, double labelDelayMeanMs, long seed) {

        public static final Config DEFAULT = new Config(1_000, 0.02, NEVER, 1_704_067_200_000L, 1_000.0,
            300_000L, 3_600_000.0, 1);

        public Config {
            GeneratorChecks.atLeast("accounts", accounts, 1);
            GeneratorChecks.inRange("fraudRate", fraudRate, 0.0, 0.5);
            GeneratorChecks.atLeast("changeAt", changeAt, 0);
            GeneratorChecks.atLeast("startTimeMs", startTimeMs, 0);
            if (!(meanGapMs > 0) || Double.isInfinite(meanGapMs)) {
                throw new IllegalArgumentException("meanGapMs must be finite and > 0, got " + meanGapMs);
            }
            GeneratorChecks.atLeast("labelDelayMinMs", labelDelayMinMs, 0);
            GeneratorChecks.finiteAtLeast("labelDelayMeanMs", labelDelayMeanMs, 0.0);
        }

        public Config withAccounts(int value) {
            return new Config(value, fraudRate, changeAt, startTimeMs, meanGapMs, labelDelayMinMs, labelDelayMeanMs, seed);
        }

        public Config withFraudRate(double value) {
            return new Config(accounts, value, changeAt, startTimeMs, meanGapMs, labelDelayMinMs, labelDelayMeanMs, seed);
        }

        public Config withChangeAt(long value) {
            return new Config(accounts, fraudRate, value, startTimeMs, meanGapMs, labelDelayMinMs, labelDelayMeanMs, seed);
        }

        public Config withStartTimeMs(long value) {
            return new Config(accounts, fraudRate, changeAt, value, meanGapMs, labelDelayMinMs, labelDelayMeanMs, seed);
        }

        public Config withMeanGapMs(double value) {
            return new Config(accounts, fraudRate, changeAt, startTimeMs, value, labelDelayMinMs, labelDelayMeanMs, seed);
        }

        public Config withLabelDelay(long minMs, double meanMs) {
            return new Config(accounts, fraudRate, changeAt, startTimeMs, meanGapMs, minMs, meanMs, seed);
        }

        public Config withSeed(long value) {
            return new Config(accounts, fraudRate, changeAt, startTimeMs, meanGapMs, labelDelayMinMs, labelDelayMeanMs, value);
        }
    }

    /** A card-testing payment already decided, waiting for its time. */
    private record ScheduledFraud(long timeMs, long order, int account) {
    }

    private final Config config;
    private final List<PaymentAccount> accounts;
    private final double burstStartProbability;
    private Random random;
    private long emitted;
    private double clockMs;
    private long nextTimeMs;
    private long scheduledCount;
    private PriorityQueue<ScheduledFraud> scheduled;

    public PaymentsGenerator(Config config) {
        this.config = config;
        this.accounts = drawAccounts(config);
        double meanBurst = (MIN_BURST + MAX_BURST) / 2.0;
        // a burst turns one payment into meanBurst fraudulent ones: solve for the share of fraud to be fraudRate
        this.burstStartProbability = config.fraudRate() / (meanBurst - config.fraudRate() * (meanBurst - 1));
        restart();
    }

    public Config config() {
        return config;
    }

    /** The shape of {@link Payment#toInstance()}. */
    public Header header() {
        return HEADER;
    }

    /** Entity ids of all accounts, in order. */
    public List<String> accountIds() {
        return accounts.stream().map(PaymentAccount::id).toList();
    }

    /** Always true: the stream is infinite. */
    public boolean hasNext() {
        return true;
    }

    /** The next payment in event-time order. */
    public Payment next() {
        ScheduledFraud due = scheduled.peek();
        if (due != null && due.timeMs() <= nextTimeMs) {
            scheduled.poll();
            return emit(due.timeMs(), cardTesting(accounts.get(due.account())), due.account(), 1);
        }
        long time = nextTimeMs;
        int hour = hourOf(time);
        advanceClock();
        return emitted >= config.changeAt() ? nextAfterChange(time) : nextBeforeChange(time, hour);
    }

    /** Draws the next {@code count} payments. */
    public List<Payment> take(int count) {
        List<Payment> payments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            payments.add(next());
        }
        return payments;
    }

    /** Goes back to the first payment; accounts keep their habits (they depend on the seed only). */
    public void restart() {
        random = new Random(mix(config.seed()));
        emitted = 0;
        clockMs = config.startTimeMs();
        nextTimeMs = config.startTimeMs();
        scheduledCount = 0;
        scheduled = new PriorityQueue<>(Comparator.comparingLong(ScheduledFraud::timeMs)
            .thenComparingLong(ScheduledFraud::order));
    }

    /** The payments as instances of {@link #HEADER}, for learners and prequential evaluation. */
    public InstanceStream asInstanceStream() {
        return new InstanceStream() {
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
                return PaymentsGenerator.this.next().toInstance();
            }

            @Override
            public void restart() {
                PaymentsGenerator.this.restart();
            }
        };
    }

    private Payment nextBeforeChange(long time, int hour) {
        double fraud = config.fraudRate() * PaymentWorld.NIGHT_FRAUD_BY_HOUR[hour];
        double pFraud = fraud / (fraud + (1 - config.fraudRate()) * PaymentWorld.GENUINE_BY_HOUR[hour]);
        if (random.nextDouble() < pFraud) {
            int account = random.nextInt(accounts.size());
            return emit(time, stolenCardAbroad(accounts.get(account)), account, 1);
        }
        int account = activeAccount(hour);
        return emit(time, genuine(accounts.get(account), false), account, 0);
    }

    private Payment nextAfterChange(long time) {
        if (random.nextDouble() < burstStartProbability) {
            int account = random.nextInt(accounts.size());
            scheduleBurst(time, account);
            return emit(time, cardTesting(accounts.get(account)), account, 1);
        }
        int account = activeAccount(hourOf(time));
        return emit(time, genuine(accounts.get(account), true), account, 0);
    }

    private void scheduleBurst(long start, int account) {
        int more = MIN_BURST - 1 + random.nextInt(MAX_BURST - MIN_BURST + 1);
        long time = start;
        for (int i = 0; i < more; i++) {
            time += 20_000 + random.nextInt(100_000);
            scheduled.add(new ScheduledFraud(time, scheduledCount++, account));
        }
    }

    /**
     * Moves the clock to the next ordinary payment: a Poisson process whose rate is constant within each
     * hour and follows the hour profile, so a whole day averages one payment per {@code meanGapMs}.
     */
    private void advanceClock() {
        double work = exponential(1.0);
        double[] fraud = fraudProfile();
        while (true) {
            int hour = hourOf((long) clockMs);
            double share = config.fraudRate() * fraud[hour] + (1 - config.fraudRate()) * PaymentWorld.GENUINE_BY_HOUR[hour];
            double perMs = 24 * share / config.meanGapMs();
            double hourEnd = (Math.floor(clockMs / HOUR_MS) + 1) * HOUR_MS;
            double available = (hourEnd - clockMs) * perMs;
            if (work <= available) {
                clockMs += work / perMs;
                nextTimeMs = (long) clockMs;
                return;
            }
            work -= available;
            clockMs = hourEnd;
        }
    }

    private double[] fraudProfile() {
        return emitted >= config.changeAt() ? PaymentWorld.GENUINE_BY_HOUR : PaymentWorld.NIGHT_FRAUD_BY_HOUR;
    }

    /** An account awake at this hour, most of the time (a night owl now and then). */
    private int activeAccount(int hour) {
        int account = random.nextInt(accounts.size());
        for (int attempt = 0; attempt < 64; attempt++) {
            if (accounts.get(account).activeAt(hour) || random.nextDouble() < 0.1) {
                return account;
            }
            account = random.nextInt(accounts.size());
        }
        return account;
    }

    private Draft genuine(PaymentAccount account, boolean afterChange) {
        int category = afterChange && random.nextDouble() < 0.01
            ? PaymentWorld.categoryIndex(NEW_CATEGORY) : account.usualCategory(random);
        double price = PaymentWorld.CATEGORIES.get(category).priceFactor();
        double amount = Math.max(0.5, account.typicalAmount() * price * Math.exp(0.5 * random.nextGaussian()));
        int country = random.nextDouble() < account.travelRate() ? foreignCountry(account) : account.homeCountry();
        return new Draft(amount, category, country, distance(account, country));
    }

    private Draft stolenCardAbroad(PaymentAccount account) {
        double amount = Math.max(account.typicalAmount() * (6 + 14 * random.nextDouble()), 200 + 300 * random.nextDouble());
        String name = PaymentWorld.HIGH_VALUE_CATEGORIES.get(random.nextInt(PaymentWorld.HIGH_VALUE_CATEGORIES.size()));
        int country = random.nextDouble() < 0.9 ? foreignCountry(account) : account.homeCountry();
        return new Draft(amount, PaymentWorld.categoryIndex(name), country, distance(account, country));
    }

    private Draft cardTesting(PaymentAccount account) {
        double amount = 0.5 + 4.5 * random.nextDouble();
        int home = account.homeCountry();
        return new Draft(amount, PaymentWorld.categoryIndex(NEW_CATEGORY), home, distance(account, home));
    }

    private int foreignCountry(PaymentAccount account) {
        int country = random.nextInt(PaymentWorld.COUNTRIES.size() - 1);
        return country >= account.homeCountry() ? country + 1 : country;
    }

    private double distance(PaymentAccount account, int country) {
        double local = exponential(account.localRadiusKm());
        if (country == account.homeCountry()) {
            return local;
        }
        return PaymentWorld.distanceKm(PaymentWorld.COUNTRIES.get(account.homeCountry()),
            PaymentWorld.COUNTRIES.get(country)) + local;
    }

    /** What a payment looks like before it gets its id, time and label. */
    private record Draft(double amount, int category, int country, double distanceKm) {
    }

    private Payment emit(long time, Draft draft, int account, int label) {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put(AMOUNT, Math.round(draft.amount() * 100) / 100.0);
        features.put(MERCHANT_CATEGORY, PaymentWorld.CATEGORIES.get(draft.category()).name());
        features.put(HOUR, (double) hourOf(time));
        features.put(COUNTRY, PaymentWorld.COUNTRIES.get(draft.country()).code());
        features.put(DISTANCE_KM, Math.round(draft.distanceKm() * 10) / 10.0);
        long minDelay = draft.category() == CARD_TESTING_CATEGORY && label == 1
            ? Math.max(config.labelDelayMinMs(), CARD_TESTING_MIN_LABEL_DELAY_MS) : config.labelDelayMinMs();
        long labelTime = time + minDelay + Math.round(exponential(config.labelDelayMeanMs()));
        String id = "pay-" + PaymentAccount.zeroPadded(emitted++, 10);
        return new Payment(id, accounts.get(account).id(), time, features, label, labelTime);
    }

    private double exponential(double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    private static int hourOf(long timeMs) {
        return (int) Math.floorMod(timeMs / HOUR_MS, 24L);
    }

    private static List<PaymentAccount> drawAccounts(Config config) {
        Random habits = new Random(config.seed());
        int width = Math.max(4, Integer.toString(config.accounts() - 1).length());
        List<PaymentAccount> accounts = new ArrayList<>(config.accounts());
        for (int i = 0; i < config.accounts(); i++) {
            accounts.add(PaymentAccount.draw(i, width, habits));
        }
        return List.copyOf(accounts);
    }

    /** A second, unrelated seed for the events, so accounts and events do not share one random sequence. */
    private static long mix(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
