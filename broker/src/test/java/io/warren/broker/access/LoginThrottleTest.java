package io.warren.broker.access;

import io.warren.broker.definitions.HashingAlgorithm;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The throttle's arithmetic, on a clock the test moves. */
class LoginThrottleTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000_000 * MS);
    private final List<String> logged = new ArrayList<>();
    private final LoginThrottle throttle = new LoginThrottle(
            new PasswordSettings(HashingAlgorithm.SHA256, 100, 1_000, 60_000), now::get, false, logged::add);
    private final InetAddress guesser = address("192.0.2.1");
    private final InetAddress bystander = address("192.0.2.2");

    @Test
    void eachFailureInARowDoublesTheHoldUpToTheMaximum() {
        long[] expected = {100, 200, 400, 800, 1000, 1000};
        for (long hold : expected) {
            assertEquals(0, throttle.admit(guesser), "a guesser who waited out the hold is checked at once");
            assertEquals(hold * MS, throttle.failed(guesser, "test"));
            now.addAndGet(hold * MS);
        }
        assertEquals(0, throttle.admit(bystander), "another source is never slowed");
    }

    @Test
    void aGuesserWhoHangsUpEarlyWaitsForTheCheckInstead() {
        throttle.failed(guesser, "test");
        throttle.failed(guesser, "test");
        now.addAndGet(10 * MS);
        assertEquals(190 * MS, throttle.admit(guesser));
    }

    @Test
    void parallelGuessesAreSpacedByTheHoldAndRefusedUncheckedBeyondTheMaximum() {
        throttle.failed(guesser, "test"); // holds 100 ms
        assertEquals(100 * MS, throttle.admit(guesser));
        assertEquals(200 * MS, throttle.admit(guesser));
        for (int i = 3; i <= 10; i++) {
            assertEquals(i * 100 * MS, throttle.admit(guesser));
        }
        assertEquals(-1, throttle.admit(guesser), "more waiting than the maximum covers");
        assertEquals(0, throttle.admit(bystander));
    }

    @Test
    void aCorrectLoginClearsTheWaitButNotTheCount() {
        throttle.failed(guesser, "test");
        throttle.failed(guesser, "test");
        throttle.succeeded(guesser);
        now.addAndGet(MS);
        assertEquals(0, throttle.admit(guesser), "a correct login ends the wait the failures left");
        assertEquals(400 * MS, throttle.failed(guesser, "test"), "the count goes on");
    }

    @Test
    void aQuietSourceStartsAfresh() {
        for (int i = 0; i < 5; i++) {
            throttle.failed(guesser, "test");
        }
        now.addAndGet(60_001 * MS + 1_000 * MS);
        assertEquals(0, throttle.admit(guesser));
        assertEquals(100 * MS, throttle.failed(guesser, "test"));
    }

    @Test
    void ipv6SourcesCountByTheirSlash64() {
        InetAddress a = address("2001:db8:1:2::1");
        InetAddress b = address("2001:db8:1:2:ffff::9");
        InetAddress other = address("2001:db8:1:3::1");
        throttle.failed(a, "test");
        assertEquals(200 * MS, throttle.failed(b, "test"));
        assertEquals(100 * MS, throttle.failed(other, "test"));
        assertEquals("2001:db8:1:2::/64", LoginThrottle.key(a));
    }

    @Test
    void aZeroInitialDelayTurnsTheThrottleOff() {
        LoginThrottle off = new LoginThrottle(new PasswordSettings(HashingAlgorithm.SHA256, 0, 0, 60_000), now::get, false,
                logged::add);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, off.admit(guesser));
            assertEquals(0, off.failed(guesser, "test"));
        }
    }

    @Test
    void aFloodOfFailuresIsLoggedAsOneLinePerSourcePerMinuteAndASummary() {
        for (int i = 0; i < 100; i++) {
            throttle.failed(guesser, "guess " + i);
            now.addAndGet(100 * MS);
        }
        throttle.failed(bystander, "typo");
        assertEquals(List.of("guess 0", "typo"), logged);

        now.addAndGet(60_000 * MS);
        throttle.failed(guesser, "guess 100");
        assertEquals(List.of("guess 0", "typo", "99 more failed logins from 192.0.2.1 since the last one logged; the last:"
                + " guess 99", "guess 100"), logged);

        throttle.failed(guesser, "guess 101");
        throttle.close();
        assertEquals("1 more failed logins from 192.0.2.1 since the last one logged; the last: guess 101",
                logged.get(logged.size() - 1), "what is owed is logged when the broker stops");
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
