// The process's random number generator, for code inside crypto/ only (this
// header exposes Botan types; code outside crypto/ uses crypto/random.h).
//
// Thread-safety: Rng() returns a generator owned by the calling thread, so it
// needs no lock; never pass the reference to another thread.
#ifndef PARAMSAFE_CRYPTO_RNG_H_
#define PARAMSAFE_CRYPTO_RNG_H_

#include <botan/rng.h>

namespace paramsafe::crypto {

// A ChaCha_RNG of the calling thread, seeded from the operating system's RNG on
// first use and reseeded from it periodically and after fork(). Lives until
// the thread exits. Throws Botan::Exception only if the OS random source fails.
Botan::RandomNumberGenerator& Rng();

}  // namespace paramsafe::crypto

#endif  // PARAMSAFE_CRYPTO_RNG_H_
