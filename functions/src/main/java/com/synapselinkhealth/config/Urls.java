package com.synapselinkhealth.config;

/** How a URL that may carry a secret is shown in a message or a log: never its user info, query or fragment. */
public final class Urls {
    private Urls() {
    }

    /**
     * The URL with any {@code user:password@} dropped, any query string replaced by {@code ?***} and any fragment
     * dropped. Works on text that is not a valid URL too.
     */
    public static String withoutSecrets(String url) {
        if (url == null) {
            return null;
        }
        String out = url.strip();
        int hash = out.indexOf('#');
        if (hash >= 0) {
            out = out.substring(0, hash);
        }
        int q = out.indexOf('?');
        if (q >= 0) {
            out = out.substring(0, q) + "?***";
        }
        int scheme = out.indexOf("://");
        int authorityStart = scheme >= 0 ? scheme + 3 : 0;
        int authorityEnd = out.indexOf('/', authorityStart);
        int question = out.indexOf('?', authorityStart);
        if (authorityEnd < 0 || (question >= 0 && question < authorityEnd)) {
            authorityEnd = question >= 0 ? question : out.length();
        }
        int at = out.lastIndexOf('@', authorityEnd - 1);
        if (at >= authorityStart) {
            out = out.substring(0, authorityStart) + "***@" + out.substring(at + 1);
        }
        return out;
    }
}
