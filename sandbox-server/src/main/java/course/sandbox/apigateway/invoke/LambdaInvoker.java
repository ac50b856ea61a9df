package course.sandbox.apigateway.invoke;

import java.util.Optional;

/**
 * How API Gateway reaches Lambda in-process: a synchronous invocation of a function (ARN, with
 * or without a qualifier) on behalf of the API, as {@code lambda:InvokeFunction} would run it.
 */
@FunctionalInterface
public interface LambdaInvoker {

    /** A function's answer: its payload, and the error type when the function failed. */
    record Result(byte[] payload, Optional<String> functionError) {
    }

    /**
     * @param functionArn the function from the integration URI, e.g. {@code arn:aws:lambda:us-east-1:000000000000:function:hello}
     * @param sourceArn   the execute-api ARN of the calling method, which a function's resource policy may name
     * @throws course.sandbox.service.ServiceException when Lambda refuses the invocation (no such function, throttled)
     */
    Result invoke(String functionArn, String sourceArn, byte[] payload);

}
