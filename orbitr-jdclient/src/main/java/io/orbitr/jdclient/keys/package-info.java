/**
 * Authority key pairs of jd-client: secp256k1 keys with an x-only public key, written as Base58Check strings
 * exactly as jd-client reads them. {@link io.orbitr.jdclient.keys.AuthorityKeyPair#generate()} makes a pair,
 * {@link io.orbitr.jdclient.keys.AuthoritySecretKey#publicKey()} derives a public key, and the {@code parse}
 * factories validate strings with messages that name the field.
 */
package io.orbitr.jdclient.keys;
