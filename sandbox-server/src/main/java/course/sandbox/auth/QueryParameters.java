package course.sandbox.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The parameters of a raw query string, in order, still percent-encoded. */
final class QueryParameters {
    record Parameter(String rawName, String rawValue) {
        String name() {
            return SigV4.percentDecode(rawName);
        }

        String value() {
            return SigV4.percentDecode(rawValue);
        }
    }

    private QueryParameters() {
    }

    /** Splits on '&' and the first '='; empty pieces (as in {@code a=1&&b=2}) are skipped. */
    static List<Parameter> parse(String rawQuery) {
        List<Parameter> parameters = new ArrayList<>();
        for (String piece : rawQuery.split("&")) {
            if (piece.isEmpty()) {
                continue;
            }
            int equals = piece.indexOf('=');
            parameters.add(equals < 0
                    ? new Parameter(piece, "")
                    : new Parameter(piece.substring(0, equals), piece.substring(equals + 1)));
        }
        return parameters;
    }

    /** The decoded value of the first parameter whose decoded name is {@code name}. */
    static Optional<String> first(List<Parameter> parameters, String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).map(Parameter::value).findFirst();
    }
}
