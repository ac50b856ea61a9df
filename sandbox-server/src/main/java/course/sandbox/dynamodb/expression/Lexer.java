package course.sandbox.dynamodb.expression;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens, keeping where each starts for DynamoDB's "near:" in syntax errors. */
final class Lexer {

    enum Kind { NAME, ATTRIBUTE_NAME, ATTRIBUTE_VALUE, NUMBER, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT,
        EQ, NE, LT, LE, GT, GE, PLUS, MINUS, INVALID, EOF }

    record Token(Kind kind, String text, int start, int end) {
        boolean is(Kind expected) {
            return kind == expected;
        }

        /** A name token that spells the keyword, in any case. */
        boolean isKeyword(String keyword) {
            return kind == Kind.NAME && text.equalsIgnoreCase(keyword);
        }
    }

    private Lexer() {
    }

    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            Kind kind;
            if (isNameStart(c)) {
                i = endOfWord(text, i + 1);
                kind = Kind.NAME;
            } else if (c == '#' || c == ':') {
                i = endOfWord(text, i + 1);
                kind = c == '#' ? Kind.ATTRIBUTE_NAME : Kind.ATTRIBUTE_VALUE;
                if (i == start + 1) {
                    kind = Kind.INVALID;
                }
            } else if (c >= '0' && c <= '9') {
                while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                    i++;
                }
                kind = Kind.NUMBER;
            } else {
                i++;
                kind = switch (c) {
                    case '(' -> Kind.LPAREN;
                    case ')' -> Kind.RPAREN;
                    case '[' -> Kind.LBRACKET;
                    case ']' -> Kind.RBRACKET;
                    case ',' -> Kind.COMMA;
                    case '.' -> Kind.DOT;
                    case '=' -> Kind.EQ;
                    case '+' -> Kind.PLUS;
                    case '-' -> Kind.MINUS;
                    case '<' -> {
                        if (i < text.length() && text.charAt(i) == '=') {
                            i++;
                            yield Kind.LE;
                        }
                        if (i < text.length() && text.charAt(i) == '>') {
                            i++;
                            yield Kind.NE;
                        }
                        yield Kind.LT;
                    }
                    case '>' -> {
                        if (i < text.length() && text.charAt(i) == '=') {
                            i++;
                            yield Kind.GE;
                        }
                        yield Kind.GT;
                    }
                    default -> Kind.INVALID;
                };
            }
            tokens.add(new Token(kind, text.substring(start, i), start, i));
        }
        tokens.add(new Token(Kind.EOF, "<EOF>", text.length(), text.length()));
        return tokens;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static int endOfWord(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!(isNameStart(c) || (c >= '0' && c <= '9'))) {
                break;
            }
            i++;
        }
        return i;
    }
}
