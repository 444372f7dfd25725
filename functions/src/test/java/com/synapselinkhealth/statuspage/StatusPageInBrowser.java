package com.synapselinkhealth.statuspage;

import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.local.LocalServer;
import com.synapselinkhealth.testing.HeadlessChromium;

/**
 * The browser tests' set-up: an app in memory, seeded by the test, served by the local server, and headless Chromium
 * to look at its status page. {@code null} from {@link #open} where Chromium is missing, so the caller's tests are
 * reported as skipped with how to install it.
 */
record StatusPageInBrowser(LinkHealth app, LocalServer server, HeadlessChromium browser) implements AutoCloseable {
    static final String KEY = "browser-Test_key-0123456789";

    /** Seeds {@code app} with {@code seed}, serves it and starts Chromium; the app is closed when that fails. */
    static StatusPageInBrowser open(String testName, LinkHealth app, AppSeed seed, int width) throws Exception {
        if (!HeadlessChromium.isInstalled()) {
            System.err.println(testName + " skipped: " + HeadlessChromium.INSTALL_HINT);
            app.close();
            return null;
        }
        seed.seed(app);
        LocalServer server = new LocalServer(app, "127.0.0.1", 0, KEY, 0).start();
        try {
            return new StatusPageInBrowser(app, server, HeadlessChromium.start(width, 900));
        } catch (Exception | Error e) {
            server.close();
            app.close();
            throw e;
        }
    }

    /** The status page's address, with the function key. */
    String statusUrl() {
        return server.baseUrl() + "/api/status?code=" + KEY;
    }

    @Override
    public void close() {
        browser.close();
        server.close();
        app.close();
    }

    /** Puts the state the test looks at into the app. */
    @FunctionalInterface
    interface AppSeed {
        void seed(LinkHealth app) throws Exception;
    }
}
