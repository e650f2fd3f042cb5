package io.warren.dlx.policy;

/** A policy that cannot be accepted; the message says which key and why, for the person who wrote it. */
public final class PolicyException extends RuntimeException {
    public PolicyException(String message) {
        super(message);
    }
}
