package io.gscam.client;

import io.gscam.protocol.Checks;

import java.time.Duration;
import java.util.Optional;

/**
 * A change of {@link CameraState}, with why it happened.
 *
 * @param state      the new state
 * @param reason     one line for a person, never holding credentials ("connection reset", "401 Unauthorized")
 * @param attempt    for RECONNECTING, the number of the attempt about to be made (1, 2, ...); else 0
 * @param retryDelay for RECONNECTING, how long until that attempt; else zero
 * @param error      the error behind RECONNECTING or FAILED, when there is one
 */
public record StateChange(CameraState state, String reason, int attempt, Duration retryDelay,
                          Optional<CameraException> error) implements CameraEvent {
    public StateChange {
        Checks.nonNull("state", state, "reason", reason, "retryDelay", retryDelay, "error", error);
    }

    public static StateChange of(CameraState state, String reason) {
        return new StateChange(state, reason, 0, Duration.ZERO, Optional.empty());
    }

    @Override
    public String toString() {
        return state == CameraState.RECONNECTING
                ? state + " (attempt " + attempt + " in " + retryDelay.toMillis() + " ms): " + reason
                : state + ": " + reason;
    }
}
