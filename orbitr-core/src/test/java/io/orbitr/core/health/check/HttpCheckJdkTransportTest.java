package io.orbitr.core.health.check;

/** Every {@code http} check case again, with plain-HTTP requests sent by the JDK's client instead of Orbitr's. */
class HttpCheckJdkTransportTest extends HttpCheckTest {
    @Override
    HttpCheckProvider newProvider() {
        return new HttpCheckProvider(HttpCheckProvider.Transport.JDK);
    }
}
