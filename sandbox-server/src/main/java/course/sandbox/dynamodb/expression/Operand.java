package course.sandbox.dynamodb.expression;

import course.sandbox.dynamodb.model.AttributeValue;

/** Something an expression evaluates to a value: a path, a placeholder's value, or a function of those. */
public sealed interface Operand {

    record Path(DocumentPath path) implements Operand {
    }

    /** An expression attribute value such as {@code :v}. */
    record Value(String placeholder, AttributeValue value) implements Operand {
    }

    /** {@code size(operand)}: a number. */
    record Size(Operand operand) implements Operand {
    }

    /** {@code if_not_exists(path, operand)} in SET. */
    record IfNotExists(DocumentPath path, Operand fallback) implements Operand {
    }

    /** {@code list_append(a, b)} in SET. */
    record ListAppend(Operand first, Operand second) implements Operand {
    }

    /** {@code a + b} or {@code a - b} in SET. */
    record Arithmetic(char operator, Operand left, Operand right) implements Operand {
    }
}
