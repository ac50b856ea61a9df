package course.sandbox.lambda;

import course.sandbox.lambda.LambdaModel.Scope;

/**
 * Where Lambda's own metrics go (namespace AWS/Lambda: Invocations, Errors, Throttles, Duration,
 * ConcurrentExecutions, by FunctionName). The sandbox wires it to CloudWatch's model when that is
 * served; until then invocations are counted nowhere else than in the logs.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html">Lambda metrics</a>
 */
public interface LambdaMetrics {
    LambdaMetrics NONE = new LambdaMetrics() {
        @Override
        public void invoked(Scope scope, String functionName, double durationMillis, boolean error, int concurrent) {
        }

        @Override
        public void throttled(Scope scope, String functionName) {
        }
    };

    /** One invocation that ran: its duration, whether it ended in an error, and how many ran at once. */
    void invoked(Scope scope, String functionName, double durationMillis, boolean error, int concurrent);

    /** One invocation refused for lack of concurrency. */
    void throttled(Scope scope, String functionName);
}
