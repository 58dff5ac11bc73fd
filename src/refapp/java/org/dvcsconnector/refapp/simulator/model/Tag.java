package org.dvcsconnector.refapp.simulator.model;

import java.time.Instant;

/** An annotated tag: a name on a commit (its index in the repository's graph), with who tagged it, when and why. */
public record Tag(String name, int target, String message, int taggerId, Instant date) {}
