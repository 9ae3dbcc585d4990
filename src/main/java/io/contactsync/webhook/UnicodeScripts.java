package io.contactsync.webhook;

import java.lang.Character.UnicodeScript;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a piece of text is written in one script, as a look-alike attack ({@code exаmple} with a Cyrillic "а")
 * is not. Common and Inherited characters (digits, '-', combining marks) go with any script; Japanese, Korean and
 * Chinese writing combine Han with their own scripts and count as one (after UTS #39, "highly restrictive").
 */
final class UnicodeScripts {

    private static final List<Set<UnicodeScript>> WRITING_SYSTEMS = List.of(
            EnumSet.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
            EnumSet.of(UnicodeScript.HAN, UnicodeScript.HANGUL),
            EnumSet.of(UnicodeScript.HAN, UnicodeScript.BOPOMOFO));

    private UnicodeScripts() {
    }

    /** The scripts mixed in {@code text} ("Cyrillic and Latin"), or null when it is written in one. */
    static String mixed(String text) {
        Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
        text.codePoints().mapToObj(UnicodeScript::of)
                .filter(s -> s != UnicodeScript.COMMON && s != UnicodeScript.INHERITED).forEach(scripts::add);
        if (scripts.size() <= 1 || WRITING_SYSTEMS.stream().anyMatch(w -> w.containsAll(scripts))) {
            return null;
        }
        return scripts.stream().map(UnicodeScripts::name).sorted().collect(Collectors.joining(" and "));
    }

    private static String name(UnicodeScript script) {
        String lower = script.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
