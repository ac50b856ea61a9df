package course.sandbox.dynamodb.expression;

import course.sandbox.dynamodb.expression.Lexer.Kind;
import course.sandbox.dynamodb.expression.Lexer.Token;
import course.sandbox.dynamodb.model.AttributeValue;
import course.sandbox.dynamodb.model.DynamoDbError;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one parser for DynamoDB's expression language: condition, key condition and filter
 * expressions, update expressions and projection expressions, with DynamoDB's messages for
 * the mistakes it refuses ("Invalid UpdateExpression: Attribute name is a reserved keyword; …").
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
 */
public final class ExpressionParser {
    private static final Map<String, Integer> CONDITION_FUNCTIONS = Map.of("attribute_exists", 1,
            "attribute_not_exists", 1, "attribute_type", 2, "begins_with", 2, "contains", 2, "size", 1);
    private static final Map<String, Integer> UPDATE_FUNCTIONS = Map.of("if_not_exists", 2, "list_append", 2);
    private static final Set<String> TYPE_NAMES = Set.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M");
    static final int MAX_BYTES = 4096;
    static final int MAX_DEPTH = 64;
    private static final Map<String, String> OPERAND_TYPE_NAMES = Map.of("S", "STRING", "N", "NUMBER", "B", "BINARY",
            "NULL", "NULL", "BOOL", "BOOLEAN", "L", "LIST", "M", "MAP");

    /** Semantic mistakes, reported after a successful parse in this order (the first one found of each kind). */
    private enum Problem { RESERVED, FUNCTION_NAME, MISUSED_FUNCTION, SECTION, UNDEFINED, OVERLAP, OPERANDS, DISTINCT, TYPES }

    private final String kind;
    private final String text;
    private final List<Token> tokens;
    private final ExpressionContext context;
    private EnumMap<Problem, String> problems = new EnumMap<>(Problem.class);
    private int position;
    private int depth;

    private ExpressionParser(String kind, String text, ExpressionContext context) {
        this.kind = kind;
        this.text = text;
        this.tokens = Lexer.tokens(text);
        this.context = context;
    }

    /** A ConditionExpression, FilterExpression or KeyConditionExpression ({@code kind} names it in errors). */
    public static Condition condition(String kind, String text, ExpressionContext context) {
        ExpressionParser parser = new ExpressionParser(kind, text, context);
        parser.checkNotEmpty();
        Condition condition = parser.parse(() -> {
            Condition parsed = parser.or();
            parser.expect(Kind.EOF);
            return parsed;
        });
        parser.reportProblems();
        return condition;
    }

    public static List<UpdateAction> update(String text, ExpressionContext context) {
        ExpressionParser parser = new ExpressionParser("UpdateExpression", text, context);
        parser.checkNotEmpty();
        List<UpdateAction> actions = parser.parse(parser::sections);
        parser.checkOverlaps(actions);
        parser.reportProblems();
        return actions;
    }

    public static List<DocumentPath> projection(String text, ExpressionContext context) {
        ExpressionParser parser = new ExpressionParser("ProjectionExpression", text, context);
        parser.checkNotEmpty();
        List<DocumentPath> paths = parser.parse(() -> {
            List<DocumentPath> parsed = new ArrayList<>();
            parsed.add(parser.path());
            while (parser.accept(Kind.COMMA)) {
                parsed.add(parser.path());
            }
            parser.expect(Kind.EOF);
            return parsed;
        });
        parser.checkOverlaps(paths.stream().<UpdateAction>map(UpdateAction.Remove::new).toList());
        parser.reportProblems();
        return paths;
    }

    // ---- conditions

    private Condition or() {
        Condition left = and();
        while (acceptKeyword("OR")) {
            left = new Condition.Or(left, and());
        }
        return left;
    }

    private Condition and() {
        Condition left = not();
        while (acceptKeyword("AND")) {
            left = new Condition.And(left, not());
        }
        return left;
    }

    private Condition not() {
        if (acceptKeyword("NOT")) {
            return new Condition.Not(not());
        }
        return primary();
    }

    private Condition primary() {
        if (peek().is(Kind.LPAREN)) {
            // Either a parenthesized condition or a parenthesized operand of a comparison: try the first.
            int start = position;
            int startDepth = depth;
            EnumMap<Problem, String> before = problems.clone();
            enter();
            try {
                advance();
                Condition inner = or();
                expect(Kind.RPAREN);
                if (!startsComparison(peek())) {
                    depth = startDepth;
                    return inner;
                }
            } catch (SyntaxError error) {
                if (depth > MAX_DEPTH) {
                    throw error;
                }
                // not a condition in parentheses
            }
            position = start;
            depth = startDepth;
            problems = before;
        }
        return comparison();
    }

    private boolean startsComparison(Token token) {
        return switch (token.kind()) {
            case EQ, NE, LT, LE, GT, GE -> true;
            default -> token.isKeyword("BETWEEN") || token.isKeyword("IN");
        };
    }

    private Condition comparison() {
        Object left = term(false);
        Token next = peek();
        switch (next.kind()) {
            case EQ, NE, LT, LE, GT, GE -> {
                advance();
                Operand a = operandOf(left);
                Operand b = operandOf(term(false));
                distinct(next.text(), a, b);
                return new Condition.Comparison(next.text(), a, b);
            }
            default -> {
            }
        }
        if (acceptKeyword("BETWEEN")) {
            Operand operand = operandOf(left);
            Operand low = operandOf(term(false));
            expectKeyword("AND");
            Operand high = operandOf(term(false));
            checkBounds(low, high);
            return new Condition.Between(operand, low, high);
        }
        if (acceptKeyword("IN")) {
            Operand operand = operandOf(left);
            expect(Kind.LPAREN);
            List<Operand> candidates = new ArrayList<>();
            candidates.add(operandOf(term(false)));
            while (accept(Kind.COMMA)) {
                candidates.add(operandOf(term(false)));
            }
            expect(Kind.RPAREN);
            return new Condition.In(operand, candidates);
        }
        if (left instanceof Condition.Function function) {
            return function;
        }
        if (left instanceof Operand.Size) {
            problem(Problem.MISUSED_FUNCTION, "The function is not allowed to be used this way in an expression; function: size");
            return new Condition.Function("size", List.of((Operand) left));
        }
        throw new SyntaxError(position);
    }

    /** An operand, or a boolean function call (only a condition may be one). */
    private Object term(boolean update) {
        Token token = peek();
        if (token.is(Kind.NAME) && tokens.get(position + 1).is(Kind.LPAREN)) {
            return call(update);
        }
        if (token.is(Kind.ATTRIBUTE_VALUE)) {
            advance();
            return value(token);
        }
        if (token.is(Kind.NAME) || token.is(Kind.ATTRIBUTE_NAME)) {
            return new Operand.Path(path());
        }
        if (!update && token.is(Kind.LPAREN)) {
            enter();
            advance();
            Object inner = term(false);
            expect(Kind.RPAREN);
            depth--;
            return inner;
        }
        throw new SyntaxError(position);
    }

    private Object call(boolean update) {
        String name = advance().text();
        expect(Kind.LPAREN);
        List<Object> arguments = new ArrayList<>();
        arguments.add(update ? setValue() : term(false));
        while (accept(Kind.COMMA)) {
            arguments.add(update ? setValue() : term(false));
        }
        expect(Kind.RPAREN);
        Map<String, Integer> functions = update ? UPDATE_FUNCTIONS : CONDITION_FUNCTIONS;
        Integer arity = functions.get(name);
        if (arity == null) {
            problem(Problem.FUNCTION_NAME, "Invalid function name; function: " + name);
            return invalidCall(name, update);
        }
        List<Operand> operands = new ArrayList<>();
        for (Object argument : arguments) {
            operands.add(operandOf(argument));
        }
        if (operands.size() != arity) {
            problem(Problem.OPERANDS, "Incorrect number of operands for operator or function; operator or function: "
                    + name + ", number of operands: " + operands.size());
            return invalidCall(name, update);
        }
        switch (name) {
            case "attribute_exists", "attribute_not_exists", "if_not_exists" -> {
                if (!(operands.get(0) instanceof Operand.Path)) {
                    problem(Problem.TYPES, "Operator or function requires a document path; operator or function: " + name);
                }
            }
            case "begins_with" -> {
                for (Operand operand : operands) {
                    literalType(operand).filter(type -> !type.equals("S") && !type.equals("B")).ifPresent(type ->
                            problem(Problem.TYPES, "Incorrect operand type for operator or function; operator or function: "
                                    + name + ", operand type: " + type));
                }
                distinct(name, operands.get(0), operands.get(1));
            }
            case "contains" -> distinct(name, operands.get(0), operands.get(1));
            case "attribute_type" -> {
                String type = literalType(operands.get(1)).orElse("{NS,SS,L,BS,N,M,B,BOOL,NULL,S}");
                if (!type.equals("S")) {
                    problem(Problem.TYPES, "Incorrect operand type for operator or function; operator or function: "
                            + name + ", operand type: " + type);
                } else {
                    String typeName = ((AttributeValue.S) ((Operand.Value) operands.get(1)).value()).value();
                    if (!TYPE_NAMES.contains(typeName)) {
                        problem(Problem.TYPES, "Invalid attribute type name found; type: " + typeName
                                + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
                    }
                }
            }
            case "size" -> literalType(operands.get(0)).filter(type -> Set.of("N", "BOOL", "NULL").contains(type))
                    .ifPresent(type -> problem(Problem.TYPES, "Incorrect operand type for operator or function; "
                            + "operator or function: size, operand type: " + type));
            case "list_append" -> {
                for (Operand operand : operands) {
                    literalType(operand).filter(type -> !type.equals("L")).ifPresent(type -> problem(Problem.TYPES,
                            "Incorrect operand type for operator or function; operator or function: list_append, operand type: " + type));
                }
            }
            default -> {
            }
        }
        return switch (name) {
            case "size" -> new Operand.Size(operands.get(0));
            case "if_not_exists" -> operands.get(0) instanceof Operand.Path path
                    ? new Operand.IfNotExists(path.path(), operands.get(1)) : operands.get(1);
            case "list_append" -> new Operand.ListAppend(operands.get(0), operands.get(1));
            default -> new Condition.Function(name, operands);
        };
    }

    /** Stands in for a call already reported as a problem, so parsing can go on to find syntax errors. */
    private static Object invalidCall(String name, boolean update) {
        return update ? new Operand.Value(":invalid", AttributeValue.Null.INSTANCE) : new Condition.Function(name, List.of());
    }

    /** A term used as an operand: a boolean function cannot be one. */
    private Operand operandOf(Object term) {
        if (term instanceof Condition.Function function) {
            if (!CONDITION_FUNCTIONS.containsKey(function.name())) {
                return new Operand.Value(":invalid", AttributeValue.Null.INSTANCE);
            }
            problem(Problem.MISUSED_FUNCTION, "The function is not allowed to be used this way in an expression; function: "
                    + function.name());
            return new Operand.Value(":invalid", AttributeValue.Null.INSTANCE);
        }
        return (Operand) term;
    }

    private void distinct(String operator, Operand first, Operand second) {
        if (first instanceof Operand.Path a && second instanceof Operand.Path b && a.path().equals(b.path())) {
            problem(Problem.DISTINCT, "The first operand must be distinct from the remaining operands for this operator or "
                    + "function; operator: " + operator + ", first operand: " + a.path());
        }
    }

    private void checkBounds(Operand low, Operand high) {
        if (low instanceof Operand.Value a && high instanceof Operand.Value b && a.value().isScalarKeyType()
                && b.value().isScalarKeyType()) {
            String bounds = "lower bound operand: AttributeValue: {" + a.value().type() + ":" + AttributeValue.describe(a.value())
                    + "}, upper bound operand: AttributeValue: {" + b.value().type() + ":" + AttributeValue.describe(b.value()) + "}";
            if (!a.value().type().equals(b.value().type())) {
                problem(Problem.TYPES, "The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
            } else if (AttributeValue.compareKeys(a.value(), b.value()) > 0) {
                problem(Problem.TYPES, "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; " + bounds);
            }
        }
    }

    // ---- update expressions

    private List<UpdateAction> sections() {
        List<UpdateAction> actions = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        do {
            Token keyword = peek();
            String section = keyword.is(Kind.NAME) ? keyword.text().toUpperCase(java.util.Locale.ROOT) : "";
            if (!Set.of("SET", "REMOVE", "ADD", "DELETE").contains(section)) {
                throw new SyntaxError(position);
            }
            advance();
            if (!seen.add(section)) {
                problem(Problem.SECTION, "The \"" + section + "\" section can only be used once in an update expression;");
            }
            do {
                actions.add(action(section));
            } while (accept(Kind.COMMA));
        } while (!peek().is(Kind.EOF));
        return actions;
    }

    private UpdateAction action(String section) {
        DocumentPath path = path();
        switch (section) {
            case "SET" -> {
                expect(Kind.EQ);
                return new UpdateAction.Set(path, setValue());
            }
            case "REMOVE" -> {
                return new UpdateAction.Remove(path);
            }
            default -> {
                Token token = peek();
                if (!token.is(Kind.ATTRIBUTE_VALUE)) {
                    throw new SyntaxError(position);
                }
                advance();
                Operand.Value value = value(token);
                String type = value.value().type();
                boolean valid = section.equals("ADD") ? type.equals("N") || value.value().isSet() : value.value().isSet();
                if (!valid && !value.placeholder().equals(":invalid")) {
                    problem(Problem.TYPES, "Incorrect operand type for operator or function; operator: " + section
                            + ", operand type: " + OPERAND_TYPE_NAMES.getOrDefault(type, type));
                }
                return section.equals("ADD") ? new UpdateAction.Add(path, value) : new UpdateAction.Delete(path, value);
            }
        }
    }

    private Operand setValue() {
        Operand left = operandOf(term(true));
        Token operator = peek();
        if (operator.is(Kind.PLUS) || operator.is(Kind.MINUS)) {
            advance();
            Operand right = operandOf(term(true));
            for (Operand operand : List.of(left, right)) {
                literalType(operand).filter(type -> !type.equals("N")).ifPresent(type -> problem(Problem.TYPES,
                        "Incorrect operand type for operator or function; operator or function: " + operator.text()
                                + ", operand type: " + type));
            }
            return new Operand.Arithmetic(operator.text().charAt(0), left, right);
        }
        return left;
    }

    /** Paths of one update expression (or projection) may neither repeat nor contain one another. */
    private void checkOverlaps(List<UpdateAction> actions) {
        for (int i = 0; i < actions.size(); i++) {
            for (int j = 0; j < i; j++) {
                List<Object> a = actions.get(j).path().elements();
                List<Object> b = actions.get(i).path().elements();
                int common = Math.min(a.size(), b.size());
                int k = 0;
                while (k < common && a.get(k).equals(b.get(k))) {
                    k++;
                }
                String paths = "must remove or rewrite one of these paths; path one: " + actions.get(j).path()
                        + ", path two: " + actions.get(i).path();
                if (k == common) {
                    problem(Problem.OVERLAP, "Two document paths overlap with each other; " + paths);
                } else if (a.get(k).getClass() != b.get(k).getClass()) {
                    problem(Problem.OVERLAP, "Two document paths conflict with each other; " + paths);
                }
            }
        }
    }

    // ---- paths and placeholders

    private DocumentPath path() {
        List<Object> elements = new ArrayList<>();
        elements.add(name(advanceName()));
        while (true) {
            if (accept(Kind.DOT)) {
                elements.add(name(advanceName()));
            } else if (accept(Kind.LBRACKET)) {
                Token index = peek();
                if (!index.is(Kind.NUMBER)) {
                    throw new SyntaxError(position);
                }
                advance();
                expect(Kind.RBRACKET);
                try {
                    elements.add(Integer.parseInt(index.text()));
                } catch (NumberFormatException e) {
                    throw new SyntaxError(position - 2);
                }
            } else {
                return new DocumentPath(elements);
            }
        }
    }

    private Token advanceName() {
        Token token = peek();
        if (!token.is(Kind.NAME) && !token.is(Kind.ATTRIBUTE_NAME)) {
            throw new SyntaxError(position);
        }
        return advance();
    }

    private String name(Token token) {
        if (token.is(Kind.ATTRIBUTE_NAME)) {
            String name = context.name(token.text());
            if (name == null) {
                problem(Problem.UNDEFINED, "An expression attribute name used in the document path is not defined; attribute name: "
                        + token.text());
                return token.text();
            }
            return name;
        }
        if (ReservedWords.isReserved(token.text())) {
            problem(Problem.RESERVED, "Attribute name is a reserved keyword; reserved keyword: " + token.text());
        }
        return token.text();
    }

    private Operand.Value value(Token token) {
        AttributeValue value = context.value(token.text());
        if (value == null) {
            problem(Problem.UNDEFINED, "An expression attribute value used in expression is not defined; attribute value: "
                    + token.text());
            return new Operand.Value(":invalid", AttributeValue.Null.INSTANCE);
        }
        return new Operand.Value(token.text(), value);
    }

    private static java.util.Optional<String> literalType(Operand operand) {
        if (operand instanceof Operand.Value value && !value.placeholder().equals(":invalid")) {
            return java.util.Optional.of(value.value().type());
        }
        if (operand instanceof Operand.Size || operand instanceof Operand.Arithmetic) {
            return java.util.Optional.of("N");
        }
        if (operand instanceof Operand.ListAppend) {
            return java.util.Optional.of("L");
        }
        return java.util.Optional.empty();
    }

    // ---- tokens and errors

    private Token peek() {
        return tokens.get(position);
    }

    private Token advance() {
        Token token = tokens.get(position);
        if (!token.is(Kind.EOF)) {
            position++;
        }
        return token;
    }

    private boolean accept(Kind kind) {
        if (peek().is(kind)) {
            advance();
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            advance();
            return true;
        }
        return false;
    }

    private void expect(Kind kind) {
        if (!accept(kind)) {
            throw new SyntaxError(position);
        }
    }

    private void expectKeyword(String keyword) {
        if (!acceptKeyword(keyword)) {
            throw new SyntaxError(position);
        }
    }

    private void problem(Problem problem, String message) {
        problems.putIfAbsent(problem, message);
    }

    /** Expressions are at most 4 KB. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-expression-parameters */
    private void checkNotEmpty() {
        if (text.isBlank()) {
            throw DynamoDbError.validation("Invalid " + kind + ": The expression can not be empty;");
        }
        int size = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (size > MAX_BYTES) {
            throw DynamoDbError.validation("Invalid " + kind + ": Expression size has exceeded the maximum allowed size; "
                    + "expression size: " + size);
        }
    }

    /** Parentheses nest at most this deep: deeper ones are refused as a syntax error rather than overflow the stack. */
    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new SyntaxError(position);
        }
    }

    private void reportProblems() {
        if (!problems.isEmpty()) {
            throw DynamoDbError.validation("Invalid " + kind + ": " + problems.values().iterator().next());
        }
    }

    private <T> T parse(java.util.function.Supplier<T> rule) {
        try {
            return rule.get();
        } catch (SyntaxError error) {
            Token token = tokens.get(error.position);
            if (token.is(Kind.INVALID)) {
                // DynamoDB names an unexpected character as the token.
                token = new Token(Kind.INVALID, token.text().substring(0, 1), token.start(), token.start() + 1);
            }
            int from = error.position > 0 ? tokens.get(error.position - 1).start() : token.start();
            int to = error.position + 1 < tokens.size() ? tokens.get(error.position + 1).end() : token.end();
            throw DynamoDbError.validation("Invalid " + kind + ": Syntax error; token: \"" + token.text() + "\", near: \""
                    + text.substring(from, Math.max(from, Math.min(to, text.length()))) + "\"");
        }
    }

    /** Thrown at the token the grammar did not expect; turned into DynamoDB's "Syntax error; token: …, near: …". */
    private static final class SyntaxError extends RuntimeException {
        final int position;

        SyntaxError(int position) {
            super(null, null, false, false);
            this.position = position;
        }
    }
}
