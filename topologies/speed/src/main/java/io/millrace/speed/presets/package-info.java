/**
 * Ready-made model definitions for known event streams (feature spec and target), so the command line and the
 * demo configure a model by name: {@link io.millrace.speed.presets.PaymentsModel}, looked up through
 * {@link io.millrace.speed.presets.ModelPresets}.
 */
package io.millrace.speed.presets;
