/**
 * Seeded data streams with concept drift, for evaluation, benchmarks, tests and the demo.
 *
 * <p>Every stream is an {@link io.millrace.learning.generators.InstanceStream} of
 * {@link io.millrace.learning.generators.Instance}s (a dense feature vector laid out by the stream's
 * {@link io.millrace.learning.Header}, and a class index). The classic generators are MOA's, draw for
 * draw: {@link io.millrace.learning.generators.SeaGenerator},
 * {@link io.millrace.learning.generators.HyperplaneGenerator},
 * {@link io.millrace.learning.generators.AgrawalGenerator},
 * {@link io.millrace.learning.generators.RandomRbfGenerator} and
 * {@link io.millrace.learning.generators.RandomRbfDriftGenerator} give the same instances as MOA 2024.07.0
 * for the same options and seeds (tests compare 10,000 instances bit for bit), and
 * {@link io.millrace.learning.generators.ConceptDriftStream} picks the same stream as MOA's sigmoid
 * drift. They differ from MOA only in {@code restart()}, which here always replays the stream exactly.
 *
 * <p>{@link io.millrace.learning.generators.PaymentsGenerator} is the demo's card-payment stream:
 * accounts, event times, delayed fraud labels and a change of fraud pattern at a chosen event.
 * {@link io.millrace.learning.generators.Generators#create} builds any of them by name for the command
 * line, and documents what a drift at instance K means for each.
 */
package io.millrace.learning.generators;
