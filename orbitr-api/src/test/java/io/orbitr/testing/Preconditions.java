package io.orbitr.testing;

import org.opentest4j.TestAbortedException;

/**
 * A test's precondition on the machine (a binary, /proc): when it does not hold, the test is skipped on a
 * developer's machine, but fails when {@code CI=true}, where a missing real part is a broken run, never a silent skip.
 */
public final class Preconditions {

    private Preconditions() {
    }

    /**
     * @param holds whether the precondition holds
     * @param what  what is needed, for the message
     * @throws TestAbortedException when it does not hold outside CI (the test is skipped)
     * @throws AssertionError when it does not hold under {@code CI=true} (the test fails)
     */
    public static void require(boolean holds, String what) {
        if (holds) {
            return;
        }
        if (inCi()) {
            throw new AssertionError("CI=true but a precondition does not hold: " + what);
        }
        throw new TestAbortedException("skipped: " + what + " (under CI=true this fails)");
    }

    /** @return whether the environment says this run is CI */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
