package io.gscam.protocol.auth;

import io.gscam.protocol.header.HeaderValues;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** A challenge of a scheme gscam does not answer (Bearer, NTLM, ...), kept so it can be logged or relayed. */
public record OtherChallenge(String scheme, Optional<String> token68, List<AuthParam> params) implements AuthChallenge {
    public OtherChallenge {
        Objects.requireNonNull(token68, "token68");
        params = List.copyOf(params);
        if (!HeaderValues.isToken(scheme)) {
            throw new IllegalArgumentException("not a scheme: " + scheme);
        }
        if (token68.isPresent() && !AuthHeaderParser.TOKEN68.matcher(token68.get()).matches()) {
            throw new IllegalArgumentException("not a token68: " + token68.get());
        }
        if (token68.isPresent() && !params.isEmpty()) {
            throw new IllegalArgumentException("a challenge has a token68 or parameters, not both");
        }
    }

    @Override
    public String format() {
        if (token68.isPresent()) {
            return scheme + " " + token68.get();
        }
        if (params.isEmpty()) {
            return scheme;
        }
        return scheme + " " + params.stream().map(AuthParam::formatQuoted).collect(Collectors.joining(", "));
    }
}
