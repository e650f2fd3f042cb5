package io.warren.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteQuantitiesTest {

    /** The cases of RabbitMQ's own parse_information_unit test, with 3.13's decimal meaning of k, M, G. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "1000, 1000",
            "0MB, 0",
            "10kB, 10000", "10MB, 10000000", "10GB, 10000000000",
            "10KB, 10000", "10Mb, 10000000", "10Kb, 10000",
            "10k, 10000", "10K, 10000", "10m, 10000000", "10M, 10000000", "10G, 10000000000",
            "10kiB, 10240", "10KiB, 10240", "10Ki, 10240", "10ki, 10240", "10KIB, 10240",
            "10MiB, 10485760", "10Mi, 10485760", "10mib, 10485760",
            "10GiB, 10737418240", "10Gi, 10737418240",
            "2TB, 2000000000000", "2TiB, 2199023255552",
            "1PB, 1000000000000000", "1P, 1000000000000000", "1PiB, 1125899906842624",
            "1024MiB, 1073741824", "2GB, 2000000000", "50MB, 50000000",
    })
    void parsesRabbitMqInformationUnits(String text, long bytes) {
        assertEquals(bytes, ByteQuantities.parseInformationUnit(text));
    }

    /** RabbitMQ rejects these too: a space, no number, a fraction, or a spelling its pattern does not list. */
    @ParameterizedTest
    @ValueSource(strings = {"10 k", "MB", "", "0.5GB", "10T", "10mi", "10mB", "10bytes", "-5", "99999999999999999999"})
    void rejectsWhatRabbitMqRejects(String text) {
        assertThrows(InvalidValueException.class, () -> ByteQuantities.parseInformationUnit(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10000000PB", "9223372036854775807k"})
    void rejectsQuantitiesThatOverflowALong(String text) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> ByteQuantities.parseInformationUnit(text));
        assertEquals("'" + text + "' is too large", e.getMessage());
    }

    /** Cuttlefish's bytesize, used by frame_max: binary units in six spellings. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"131072, 131072", "128KB, 131072", "128kb, 131072", "1MB, 1048576", "1mb, 1048576",
            "1GB, 1073741824", "1gb, 1073741824"})
    void parsesCuttlefishByteSizes(String text, long bytes) {
        assertEquals(bytes, ByteQuantities.parseBytesize(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"128Kb", "128KiB", "128k", "1.5KB", "KB", "128 KB"})
    void rejectsOtherByteSizeSpellings(String text) {
        assertThrows(InvalidValueException.class, () -> ByteQuantities.parseBytesize(text));
    }
}
