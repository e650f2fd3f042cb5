package io.warren.server.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two ways rabbitmq.conf spells a number of bytes. They disagree on what "KB" means, so each
 * key uses the one RabbitMQ uses for it.
 */
final class ByteQuantities {
    private static final long KIB = 1024L;
    private static final long KB = 1000L;

    /**
     * RabbitMQ 3.13's information units ({@code rabbit_resource_monitor_misc:parse_information_unit}),
     * used by {@code vm_memory_high_watermark.absolute} and {@code disk_free_limit.absolute}. Since 3.13
     * the bare and "B" suffixes are decimal (k, M, G, KB, MB, GB = powers of 1000, as Kubernetes reads
     * them) and only the "i" forms are binary (Ki, KiB, MiB ...). Exactly the spellings RabbitMQ's
     * pattern lists are accepted: "10mi" and "10T" are not, "10Mi" and "10TB" are.
     */
    private static final Map<String, Long> INFORMATION_UNITS = Map.ofEntries(
            Map.entry("ki", KIB), Map.entry("Ki", KIB), Map.entry("kiB", KIB), Map.entry("KiB", KIB),
            Map.entry("kib", KIB), Map.entry("KIB", KIB),
            Map.entry("Mi", KIB * KIB), Map.entry("MiB", KIB * KIB), Map.entry("mib", KIB * KIB),
            Map.entry("MIB", KIB * KIB),
            Map.entry("Gi", KIB * KIB * KIB), Map.entry("GiB", KIB * KIB * KIB), Map.entry("gib", KIB * KIB * KIB),
            Map.entry("GIB", KIB * KIB * KIB),
            Map.entry("Ti", KIB * KIB * KIB * KIB), Map.entry("TiB", KIB * KIB * KIB * KIB),
            Map.entry("tib", KIB * KIB * KIB * KIB), Map.entry("TIB", KIB * KIB * KIB * KIB),
            // RabbitMQ multiplies Pi by 1024^4 * 2014, a typo; a pebibyte is 1024^5.
            Map.entry("Pi", KIB * KIB * KIB * KIB * KIB), Map.entry("PiB", KIB * KIB * KIB * KIB * KIB),
            Map.entry("pib", KIB * KIB * KIB * KIB * KIB), Map.entry("PIB", KIB * KIB * KIB * KIB * KIB),
            Map.entry("k", KB), Map.entry("K", KB), Map.entry("kB", KB), Map.entry("KB", KB),
            Map.entry("kb", KB), Map.entry("Kb", KB),
            Map.entry("m", KB * KB), Map.entry("M", KB * KB), Map.entry("MB", KB * KB), Map.entry("mb", KB * KB),
            Map.entry("Mb", KB * KB),
            Map.entry("g", KB * KB * KB), Map.entry("G", KB * KB * KB), Map.entry("GB", KB * KB * KB),
            Map.entry("gb", KB * KB * KB), Map.entry("Gb", KB * KB * KB),
            Map.entry("TB", KB * KB * KB * KB), Map.entry("tb", KB * KB * KB * KB), Map.entry("Tb", KB * KB * KB * KB),
            Map.entry("p", KB * KB * KB * KB * KB), Map.entry("P", KB * KB * KB * KB * KB),
            Map.entry("PB", KB * KB * KB * KB * KB), Map.entry("pb", KB * KB * KB * KB * KB),
            Map.entry("Pb", KB * KB * KB * KB * KB));

    /** Cuttlefish's {@code bytesize} datatype (used by {@code frame_max}): binary, six spellings. */
    private static final Map<String, Long> BYTESIZE_UNITS = Map.of(
            "KB", KIB, "kb", KIB, "MB", KIB * KIB, "mb", KIB * KIB, "GB", KIB * KIB * KIB, "gb", KIB * KIB * KIB);

    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("([0-9]+)([A-Za-z]*)");

    private ByteQuantities() {}

    static long parseInformationUnit(String value) {
        return parse(value, INFORMATION_UNITS,
                "use a whole number of bytes or one with a unit such as 512MiB, 2GB (decimal) or 2GiB (binary)");
    }

    static long parseBytesize(String value) {
        return parse(value, BYTESIZE_UNITS, "use a whole number of bytes or one ending in KB, MB or GB (powers of 1024)");
    }

    private static long parse(String value, Map<String, Long> units, String hint) {
        Matcher m = NUMBER_AND_UNIT.matcher(value);
        if (!m.matches()) {
            throw new InvalidValueException("'" + value + "' is not a byte quantity; " + hint);
        }
        String unit = m.group(2);
        Long multiplier = unit.isEmpty() ? Long.valueOf(1L) : units.get(unit);
        if (multiplier == null) {
            throw new InvalidValueException("'" + value + "' has an unknown unit '" + unit + "'; " + hint);
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new InvalidValueException("'" + value + "' is too large");
        }
    }
}
