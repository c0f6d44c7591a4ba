package org.maecenas.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** IBAN rules: registry country, that country's length, mod-97 check digits. */
class IbanTests {

    /** The IBAN with correct check digits for a country and BBAN (computed independently, with BigInteger). */
    static String withCheckDigits(String country, String bban) {
        StringBuilder digits = new StringBuilder();
        for (char c : (bban + country + "00").toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int check = 98
                - new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue();
        return country + (check < 10 ? "0" : "") + check + bban;
    }

    @Example
    void theRegistrysExamplesAreValidAsTypedOnPaper() {
        for (String iban : new String[] {
            "GB82 WEST 1234 5698 7654 32",
            "DE89 3704 0044 0532 0130 00",
            "gb82west12345698765432",
            "FR14 2004 1010 0505 0001 3M02 606",
            "NO93 8601 1117 947",
            "BE68 5390 0754 7034",
            "CH93 0076 2011 6238 5295 7",
            "MT84 MALT 0110 0001 2345 MTLC AST0 01S",
            "LC55 HEMM 0001 0001 0012 0012 0002 3015"
        }) {
            assertThat(Iban.valid(Iban.normalise(iban))).as(iban).isTrue();
        }
        assertThat(Iban.normalise(" gb82 west\t1234 5698 7654 32 ")).isEqualTo("GB82WEST12345698765432");
        assertThat(Iban.normalise(null)).isEmpty();
    }

    @Example
    void wrongCheckDigitsUnknownCountriesAndWrongLengthsAreRefused() {
        assertThat(Iban.valid("GB82WEST12345698765433"))
                .as("last digit changed")
                .isFalse();
        assertThat(Iban.valid("GB28WEST12345698765432"))
                .as("check digits swapped")
                .isFalse();
        assertThat(Iban.valid(withCheckDigits("XX", "WEST12345698765432")))
                .as("not a registry country")
                .isFalse();
        assertThat(Iban.valid(withCheckDigits("US", "021000021123456789"))).isFalse();
        assertThat(Iban.valid(withCheckDigits("DE", "37040044053201300")))
                .as("21 long")
                .isFalse();
        assertThat(Iban.valid(withCheckDigits("DE", "3704004405320130000")))
                .as("23 long")
                .isFalse();
        assertThat(Iban.valid(withCheckDigits("DE", "370400440532013000")))
                .as("22 long")
                .isTrue();
        for (String junk : new String[] {"", "G", "GB", "GB82", "GB8XWEST12345698765432", "GB82WEST-1234569876543"}) {
            assertThat(Iban.valid(junk)).as(junk).isFalse();
        }
    }

    @Property(tries = 500)
    void everyWellFormedGermanIbanIsValidAndEverySingleDigitMistakeIsCaught(
            @ForAll("bbans") String bban,
            @ForAll @IntRange(min = 2, max = 21) int position,
            @ForAll @IntRange(min = 1, max = 9) int delta) {
        String iban = withCheckDigits("DE", bban);
        assertThat(iban).hasSize(22);
        assertThat(Iban.valid(iban)).isTrue();
        assertThat(Iban.valid(spaced(iban).toLowerCase())).as("as typed").isFalse(); // not normalised
        assertThat(Iban.valid(Iban.normalise(spaced(iban).toLowerCase()))).isTrue();

        char[] typo = iban.toCharArray();
        typo[position] = (char) ('0' + (typo[position] - '0' + delta) % 10);
        assertThat(Iban.valid(new String(typo))).as("typo at " + position).isFalse();
    }

    @Property(tries = 300)
    void swappingTwoDifferentNeighbouringDigitsIsCaught(
            @ForAll("bbans") String bban, @ForAll @IntRange(min = 4, max = 20) int position) {
        char[] iban = withCheckDigits("DE", bban).toCharArray();
        if (iban[position] == iban[position + 1]) {
            return;
        }
        char kept = iban[position];
        iban[position] = iban[position + 1];
        iban[position + 1] = kept;
        assertThat(Iban.valid(new String(iban))).isFalse();
    }

    @Provide
    Arbitrary<String> bbans() {
        return Arbitraries.strings().numeric().ofLength(18);
    }

    private static String spaced(String iban) {
        return iban.replaceAll("(.{4})", "$1 ").strip();
    }
}
