package io.millrace.learning.generators;

import java.util.Random;

/**
 * One account of the payments demo and its habits: where it lives, what it usually spends, where it
 * shops, when it is awake, how often it travels and how far it roams from home.
 */
record PaymentAccount(String id, int homeCountry, double typicalAmount, double[] categoryCumulative,
                      int activeFromHour, int activeToHour, double travelRate, double localRadiusKm) {

    /** Draws the habits of account number {@code number} from {@code random}. */
    static PaymentAccount draw(int number, int idWidth, Random random) {
        int home = pick(PaymentWorld.HOME_SHARES, random.nextDouble());
        double typical = Math.exp(Math.log(40) + 0.6 * random.nextGaussian());
        int genuineCategories = PaymentWorld.CATEGORIES.size() - 1;
        double[] cumulative = new double[genuineCategories];
        double total = 0;
        for (int c = 0; c < genuineCategories; c++) {
            total += PaymentWorld.CATEGORIES.get(c).popularity() * Math.exp(0.8 * random.nextGaussian());
            cumulative[c] = total;
        }
        for (int c = 0; c < genuineCategories; c++) {
            cumulative[c] /= total;
        }
        int from = 6 + random.nextInt(4);
        int to = 20 + random.nextInt(4);
        double travel = 0.01 + 0.04 * Math.pow(random.nextDouble(), 2);
        double radius = 3 + 25 * random.nextDouble();
        String id = "acct-" + zeroPadded(number, idWidth);
        return new PaymentAccount(id, home, typical, cumulative, from, to, travel, radius);
    }

    /** Whether the account is usually awake and shopping at this hour. */
    boolean activeAt(int hour) {
        return hour >= activeFromHour && hour <= activeToHour;
    }

    /** One of the account's usual categories, drawn by its own taste. */
    int usualCategory(Random random) {
        double u = random.nextDouble();
        for (int c = 0; c < categoryCumulative.length; c++) {
            if (u < categoryCumulative[c]) {
                return c;
            }
        }
        return categoryCumulative.length - 1;
    }

    /** Index drawn from weights summing to 1, by inverting their cumulative sum at {@code u}. */
    static int pick(double[] weights, double u) {
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            if (u < sum) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static String zeroPadded(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
