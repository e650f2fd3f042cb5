package io.warren.tests.hostile;

import java.io.IOException;

/** What a hostile test writes to a handshaken connection that has channel 1 open. */
@FunctionalInterface
interface Attack {
    void perform(RawAmqpSocket raw) throws IOException;
}
