package course.sandbox.auth;

/** Internal control flow: verification stopped with an AWS error. Never leaves this package. */
final class AuthFailure extends Exception {
    private final transient AuthError error;

    AuthFailure(AuthError error) {
        super(error.code(), null, false, false);
        this.error = error;
    }

    AuthError error() {
        return error;
    }
}
