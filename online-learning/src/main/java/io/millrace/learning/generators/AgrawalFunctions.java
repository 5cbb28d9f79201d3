package io.millrace.learning.generators;

/**
 * The ten loan functions of Agrawal et al. (1993, page 924; {@code pred20} to {@code pred29} of their
 * C generator), as MOA states them: each maps an applicant to group A (0) or group B (1).
 */
final class AgrawalFunctions {

    static final int COUNT = 10;

    private AgrawalFunctions() {
    }

    /** One drawn applicant; nominal values are category indices (elevel 0-4, car 0-19, zipcode 0-8). */
    record Applicant(double salary, double commission, int age, int elevel, int car, int zipcode,
                     double hvalue, int hyears, double loan) {

        double[] toFeatures() {
            return new double[] {salary, commission, age, elevel, car, zipcode, hvalue, hyears, loan};
        }
    }

    /** Group of an applicant under function {@code function} (1 to 10). */
    static int classify(int function, Applicant a) {
        return switch (function) {
            case 1 -> a.age() < 40 || 60 <= a.age() ? 0 : 1;
            case 2 -> salaryBandByAge(a.age(), a.salary());
            case 3 -> educationByAge(a);
            case 4 -> educationAndSalaryByAge(a);
            case 5 -> salaryAndLoanByAge(a);
            case 6 -> salaryBandByAge(a.age(), a.salary() + a.commission());
            case 7 -> disposable(2.0 * (a.salary() + a.commission()) / 3.0 - a.loan() / 5.0 - 20000.0);
            case 8 -> disposable(2.0 * (a.salary() + a.commission()) / 3.0 - 5000.0 * a.elevel() - 20000.0);
            case 9 -> disposable(2.0 * (a.salary() + a.commission()) / 3.0 - 5000.0 * a.elevel()
                - a.loan() / 5.0 - 10000.0);
            case 10 -> disposable(2.0 * (a.salary() + a.commission()) / 3.0 - 5000.0 * a.elevel()
                + equity(a) / 5.0 - 10000.0);
            default -> throw new IllegalArgumentException("Agrawal function must be 1 to 10, got " + function);
        };
    }

    /** Functions 2 and 6: the income band that makes group A depends on the age bracket. */
    private static int salaryBandByAge(int age, double income) {
        if (age < 40) {
            return between(income, 50000, 100000) ? 0 : 1;
        } else if (age < 60) {
            return between(income, 75000, 125000) ? 0 : 1;
        }
        return between(income, 25000, 75000) ? 0 : 1;
    }

    private static int educationByAge(Applicant a) {
        int e = a.elevel();
        if (a.age() < 40) {
            return e == 0 || e == 1 ? 0 : 1;
        } else if (a.age() < 60) {
            return e == 1 || e == 2 || e == 3 ? 0 : 1;
        }
        return e == 2 || e == 3 || e == 4 ? 0 : 1;
    }

    private static int educationAndSalaryByAge(Applicant a) {
        int e = a.elevel();
        double s = a.salary();
        if (a.age() < 40) {
            if (e == 0 || e == 1) {
                return between(s, 25000, 75000) ? 0 : 1;
            }
            return between(s, 50000, 100000) ? 0 : 1;
        } else if (a.age() < 60) {
            if (e == 1 || e == 2 || e == 3) {
                return between(s, 50000, 100000) ? 0 : 1;
            }
            return between(s, 75000, 125000) ? 0 : 1;
        }
        if (e == 2 || e == 3 || e == 4) {
            return between(s, 50000, 100000) ? 0 : 1;
        }
        return between(s, 25000, 75000) ? 0 : 1;
    }

    private static int salaryAndLoanByAge(Applicant a) {
        double s = a.salary();
        double loan = a.loan();
        if (a.age() < 40) {
            if (between(s, 50000, 100000)) {
                return between(loan, 100000, 300000) ? 0 : 1;
            }
            return between(loan, 200000, 400000) ? 0 : 1;
        } else if (a.age() < 60) {
            if (between(s, 75000, 125000)) {
                return between(loan, 200000, 400000) ? 0 : 1;
            }
            return between(loan, 300000, 500000) ? 0 : 1;
        }
        if (between(s, 25000, 75000)) {
            return between(loan, 300000, 500000) ? 0 : 1;
        }
        return between(loan, 100000, 300000) ? 0 : 1;
    }

    private static double equity(Applicant a) {
        return a.hyears() >= 20 ? a.hvalue() * (a.hyears() - 20.0) / 10.0 : 0.0;
    }

    private static int disposable(double amount) {
        return amount > 0 ? 0 : 1;
    }

    private static boolean between(double value, double low, double high) {
        return low <= value && value <= high;
    }
}
