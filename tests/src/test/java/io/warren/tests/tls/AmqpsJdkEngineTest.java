package io.warren.tests.tls;

import io.warren.broker.tls.TlsProvider;

/** {@link AmqpsTest} with the JDK's TLS engine ({@code warren.ssl_provider = jdk}), so both engines stay working. */
class AmqpsJdkEngineTest extends AmqpsTest {
    @Override
    TlsProvider provider() {
        return TlsProvider.JDK;
    }
}
