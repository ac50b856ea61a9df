package shared;

/** The library both functions share, deployed once as a layer (java/lib/greetings.jar). */
public final class Greetings {
    /** Changed between layer versions by the demo: it compiles this file with a different EDITION. */
    public static final String EDITION = "EDITION_PLACEHOLDER";

    private Greetings() {
    }

    public static String greet(String name) {
        return "Hello " + name + " (greetings library, " + EDITION + ")";
    }
}
