package io.warren.broker;

import io.warren.broker.access.AccessJournal;
import io.warren.broker.definitions.HashingAlgorithm;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checking passwords: slow hashes are remembered after a correct login, and only for that hash. */
class UsersTest {
    private final Users users = new Users(new AccessJournal(null), name -> { }, HashingAlgorithm.PBKDF2_SHA256);

    @Test
    void aCorrectSlowLoginIsRememberedForThatHashOnly() {
        users.put(new User("alice", PasswordHash.pbkdf2("s3cret", 1000), Set.of())).join();
        assertFalse(users.checksQuickly("alice", "s3cret"), "the first check is a slow one");
        assertEquals("alice", users.authenticate("alice", "s3cret").name());
        assertTrue(users.checksQuickly("alice", "s3cret"), "then it is remembered");
        assertFalse(users.checksQuickly("alice", "s3cret "), "a wrong password is not");
        assertNull(users.authenticate("alice", "s3cret "));

        users.put(new User("alice", PasswordHash.pbkdf2("changed", 1000), Set.of())).join();
        assertFalse(users.checksQuickly("alice", "s3cret"), "a new hash forgets the old password");
        assertNull(users.authenticate("alice", "s3cret"));
        assertEquals("alice", users.authenticate("alice", "changed").name());

        users.remove("alice").join();
        assertNull(users.authenticate("alice", "changed"));
    }

    @Test
    void unknownUsersCostACheckWhenTheDefaultHashIsSlow() {
        assertFalse(users.checksQuickly("nobody", "guess"), "checked off the event loop, as a real user would be");
        assertNull(users.authenticate("nobody", "guess"));
        Users fast = new Users(new AccessJournal(null), name -> { }, HashingAlgorithm.SHA256);
        assertTrue(fast.checksQuickly("nobody", "guess"));
        assertNull(fast.authenticate("nobody", "guess"));
    }

    @Test
    void passwordsGivenInClearTakeTheDefaultAlgorithm() {
        assertEquals(HashingAlgorithm.PBKDF2_SHA256, users.hash("pw").algorithm());
        assertTrue(users.hash("pw").matches("pw"));
    }
}
