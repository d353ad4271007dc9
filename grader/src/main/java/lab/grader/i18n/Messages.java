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
 */
public final class Messages {
    private static final String BUNDLE = "lab.grader.messages";

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

    /** True when the bundle has this key. */
    public static boolean has(String key) {
        return bundle().containsKey(key);
    }

    /** The message for {@code key}, formatted with {@code args}. A missing key shows as {@code !key!}. */
    public static String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle().getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return new MessageFormat(pattern, locale()).format(args);
    }
}
