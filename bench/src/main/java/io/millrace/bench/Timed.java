package io.millrace.bench;

/** A measured run: how long its timed part took. */
interface Timed {

    long nanos();
}
