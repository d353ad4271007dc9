package lab.grader.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The one message bundle: every text a student reads comes from {@code lab/grader/messages*.properties}.
 *
 * <p>Messages are {@link MessageFormat} patterns ({0}, {1} ...; numbers get the locale's grouping,
 * and a literal apostrophe is written twice). {@code -Dlang=id} picks the language; without it the
 * JVM's default locale decides, and anything without a translation falls back to English.
 *
 * <p>An instructor's hidden checks keep their texts out of this bundle (the student edition ships it):
 * keys it lacks are looked up in {@code lab/grader/hidden/messages*.properties}, when present.
 */
public final class Messages {
    private static final String BUNDLE = "lab.grader.messages";
    private static final String HIDDEN_BUNDLE = "lab.grader.hidden.messages";

    private Messages() {
    }

    /** The locale of this run: {@code -Dlang}, else the JVM default. */
    public static Locale locale() {
        String lang = System.getProperty("lang", "");
        return lang.isBlank() ? Locale.getDefault() : Locale.forLanguageTag(lang.trim());
    }

    private static ResourceBundle bundle() {
        // No fallback to the JVM default locale's bundle: -Dlang=en must give English even on an
        // Indonesian machine. The base bundle (English) is still the fallback for missing keys.
        return ResourceBundle.getBundle(BUNDLE, locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static ResourceBundle hiddenBundle() {
        try {
            return ResourceBundle.getBundle(HIDDEN_BUNDLE, locale(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        } catch (MissingResourceException e) {
            return null; // a student's copy of the kit: no hidden checks
        }
    }

    /** True when the bundle (or the hidden checks' bundle) has this key. */
    public static boolean has(String key) {
        if (bundle().containsKey(key)) {
            return true;
        }
        ResourceBundle hidden = hiddenBundle();
        return hidden != null && hidden.containsKey(key);
    }

    /** The message for {@code key}, formatted with {@code args}. A missing key shows as {@code !key!}. */
    public static String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle().getString(key);
        } catch (MissingResourceException e) {
            ResourceBundle hidden = hiddenBundle();
            if (hidden == null || !hidden.containsKey(key)) {
                return "!" + key + "!";
            }
            pattern = hidden.getString(key);
        }
        return new MessageFormat(pattern, locale()).format(args);
    }
}
