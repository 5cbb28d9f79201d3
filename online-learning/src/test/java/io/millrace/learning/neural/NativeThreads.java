package io.millrace.learning.neural;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Runs ND4J's native operations on one thread in these tests. The build machine has two cores shared by
 * several builds; with more OpenMP threads than free cores, every parallel region waits for a descheduled
 * thread and a mini-batch step went from about 6 ms to over 100 ms. Results do not depend on it. The
 * same holds in production: set {@code OMP_NUM_THREADS} for a stream application that runs DL4J.
 */
final class NativeThreads {

    /** Loads the ND4J backend (it must come first) and sets its thread counts to one. */
    static void useOne() {
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
    }

    private NativeThreads() {
    }
}
