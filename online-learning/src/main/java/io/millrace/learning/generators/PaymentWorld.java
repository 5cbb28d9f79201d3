package io.millrace.learning.generators;

import java.util.List;

/**
 * The fixed world of the payments demo: merchant categories with their typical price level, countries
 * with the coordinates of their main city, and the hour-of-day profiles of genuine and fraudulent
 * activity. All times are UTC: the demo bank and its customers live in one time zone.
 */
final class PaymentWorld {

    /** A merchant category, its price level against an account's typical amount, and how common it is. */
    record Category(String name, double priceFactor, double popularity) {
    }

    /** A country and the latitude and longitude of its main city, in degrees. */
    record Country(String code, double latitude, double longitude) {
    }

    /** The category that appears only from the pattern change on: where card testers go. */
    static final String NEW_CATEGORY = "gift_cards";

    /** Categories in header order; the last is {@link #NEW_CATEGORY}, unseen before the change. */
    static final List<Category> CATEGORIES = List.of(
        new Category("groceries", 0.6, 0.30),
        new Category("restaurants", 0.8, 0.18),
        new Category("fuel", 1.2, 0.12),
        new Category("transport", 0.4, 0.10),
        new Category("retail", 1.5, 0.12),
        new Category("entertainment", 1.0, 0.07),
        new Category("health", 1.2, 0.05),
        new Category("electronics", 4.0, 0.03),
        new Category("travel", 6.0, 0.02),
        new Category("jewelry", 5.0, 0.01),
        new Category(NEW_CATEGORY, 0.5, 0.0));

    /** Where big fraud buys go before the change. */
    static final List<String> HIGH_VALUE_CATEGORIES = List.of("electronics", "jewelry", "travel");

    /** Home countries come first (with their share of accounts in {@link #HOME_SHARES}), then foreign ones. */
    static final List<Country> COUNTRIES = List.of(
        new Country("NL", 52.37, 4.90),
        new Country("DE", 52.52, 13.40),
        new Country("BE", 50.85, 4.35),
        new Country("FR", 48.86, 2.35),
        new Country("GB", 51.51, -0.13),
        new Country("ES", 40.42, -3.70),
        new Country("IT", 41.90, 12.50),
        new Country("US", 40.71, -74.01),
        new Country("BR", -23.55, -46.63),
        new Country("TH", 13.76, 100.50),
        new Country("IN", 19.08, 72.88),
        new Country("ZA", -26.20, 28.05));

    static final double[] HOME_SHARES = {0.60, 0.15, 0.15, 0.10};

    /** Genuine activity by hour of day (UTC), relative: quiet at night, busy at midday and evening. */
    static final double[] GENUINE_BY_HOUR = normalized(new double[] {
        0.15, 0.08, 0.05, 0.04, 0.04, 0.07, 0.25, 0.60, 0.90, 1.00, 1.05, 1.15,
        1.30, 1.20, 1.05, 1.00, 1.05, 1.20, 1.35, 1.30, 1.05, 0.80, 0.50, 0.30});

    /** How much likelier a payment between midnight and 6 am is to be a stolen card than one in the day. */
    static final double NIGHT_RISK = 6;

    /**
     * Fraud of the first pattern by hour: the genuine profile with the night hours weighted {@link #NIGHT_RISK}
     * times, so the chance that a payment is fraud is six times higher at night than in the day, whatever the
     * fraud rate (a share of all fraud fixed at night would make most night payments fraud at demo rates).
     */
    static final double[] NIGHT_FRAUD_BY_HOUR = normalized(nightRisky(NIGHT_RISK));

    private static final double EARTH_RADIUS_KM = 6371.0;

    private PaymentWorld() {
    }

    static int categoryIndex(String name) {
        for (int i = 0; i < CATEGORIES.size(); i++) {
            if (CATEGORIES.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown merchant category '" + name + "'");
    }

    static int countryIndex(String code) {
        for (int i = 0; i < COUNTRIES.size(); i++) {
            if (COUNTRIES.get(i).code().equals(code)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown country '" + code + "'");
    }

    static List<String> categoryNames() {
        return CATEGORIES.stream().map(Category::name).toList();
    }

    static List<String> countryCodes() {
        return COUNTRIES.stream().map(Country::code).toList();
    }

    /** Great-circle distance between two countries' main cities (haversine), in km. */
    static double distanceKm(Country a, Country b) {
        double dLat = Math.toRadians(b.latitude() - a.latitude());
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.pow(Math.sin(dLat / 2), 2)
            + Math.cos(Math.toRadians(a.latitude())) * Math.cos(Math.toRadians(b.latitude())) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
    }

    private static double[] nightRisky(double nightRisk) {
        double[] profile = new double[24];
        for (int hour = 0; hour < 24; hour++) {
            profile[hour] = GENUINE_BY_HOUR[hour] * (hour < 6 ? nightRisk : 1);
        }
        return profile;
    }

    private static double[] normalized(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i] / sum;
        }
        return result;
    }
}
