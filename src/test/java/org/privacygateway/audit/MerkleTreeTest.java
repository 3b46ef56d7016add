package org.privacygateway.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The RFC 6962 tree hash against the reference vectors, inclusion proofs both ways, and the checkpoint key pair. */
class MerkleTreeTest {

    static final HexFormat HEX = HexFormat.of();

    /** The eight leaves of the Certificate Transparency reference tests. */
    static final List<byte[]> LEAVES = List.of(HEX.parseHex(""), HEX.parseHex("00"), HEX.parseHex("10"),
            HEX.parseHex("2021"), HEX.parseHex("3031"), HEX.parseHex("40414243"),
            HEX.parseHex("5051525354555657"), HEX.parseHex("606162636465666768696a6b6c6d6e6f"));

    /** Their roots for the first 1 to 8 leaves, as published with those tests. */
    static final List<String> ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    static List<byte[]> hashes(int n) {
        return LEAVES.subList(0, n).stream().map(MerkleTree::leafHash).toList();
    }

    @Test
    void rootsMatchTheReferenceVectors() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HEX.formatHex(MerkleTree.root(List.of())));
        for (int n = 1; n <= 8; n++) {
            assertEquals(ROOTS.get(n - 1), HEX.formatHex(MerkleTree.root(hashes(n))), "tree of " + n);
        }
    }

    @Test
    void everyProofVerifiesAndNoOtherLeafOrPlaceDoes() {
        for (int n = 1; n <= 37; n++) {
            List<byte[]> leaves = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                leaves.add(MerkleTree.leafHash(("leaf " + i).getBytes()));
            }
            byte[] root = MerkleTree.root(leaves);
            for (int i = 0; i < n; i++) {
                List<byte[]> proof = MerkleTree.inclusionProof(leaves, i);
                assertTrue(MerkleTree.verifyInclusion(leaves.get(i), i, n, proof, root), n + "/" + i);
                assertFalse(MerkleTree.verifyInclusion(MerkleTree.leafHash("other".getBytes()), i, n, proof, root));
                if (n > 1) {
                    int elsewhere = (i + 1) % n;
                    assertFalse(MerkleTree.verifyInclusion(leaves.get(i), elsewhere, n, proof, root), n + "/" + i);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.inclusionProof(hashes(3), 3));
    }

    @Test
    void aProofMatchesTheReferenceRoot() {
        List<byte[]> leaves = hashes(7);
        byte[] root = HEX.parseHex(ROOTS.get(6));
        assertArrayEquals(root, MerkleTree.root(leaves));
        assertTrue(MerkleTree.verifyInclusion(leaves.get(5), 5, 7, MerkleTree.inclusionProof(leaves, 5), root));
    }

    @Test
    void aKeyPairThatDoesNotMatchOrIsNoKeyIsRefusedWithoutPrintingIt() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        KeyPair one = g.generateKeyPair();
        KeyPair two = g.generateKeyPair();
        String secret = Base64.getEncoder().encodeToString(one.getPrivate().getEncoded());
        CheckpointKeys keys = new CheckpointKeys(secret,
                Base64.getEncoder().encodeToString(one.getPublic().getEncoded()));
        byte[] message = "statement".getBytes();
        assertTrue(keys.verify(message, keys.sign(message)));
        IllegalStateException mismatch = assertThrows(IllegalStateException.class, () -> new CheckpointKeys(secret,
                Base64.getEncoder().encodeToString(two.getPublic().getEncoded())));
        assertTrue(mismatch.getMessage().contains("not the public half"), mismatch.getMessage());
        IllegalStateException garbage = assertThrows(IllegalStateException.class,
                () -> new CheckpointKeys("bm90IGEga2V5", Base64.getEncoder().encodeToString(one.getPublic().getEncoded())));
        assertFalse(garbage.getMessage().contains("bm90IGEga2V5"), garbage.getMessage());
        assertTrue(keys.publicKeyPem().startsWith("-----BEGIN PUBLIC KEY-----\n"));
    }
}
