// The root key: 32 bytes that wrap (encrypt) the KMS-like keys stored in the
// database. It is loaded once at startup and never leaves this object: callers
// wrap and unwrap through it and can read only its public fingerprint, Id().
//
// Ownership: a RootKey owns its key bytes (wiped when freed); move-only.
// Thread-safety: immutable after construction; const methods are safe to call
// from many threads. A moved-from RootKey may only be destroyed or assigned to.
#ifndef PARAMSAFE_CRYPTO_ROOT_KEY_H_
#define PARAMSAFE_CRYPTO_ROOT_KEY_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/secure_buffer.h"
#include "core/status.h"

namespace paramsafe::crypto {

class RootKey {
 public:
  // Parses exactly 64 hex characters (either case). kInvalidArgument otherwise;
  // the message never repeats the input.
  static core::Result<RootKey> FromHex(std::string_view hex);

  // Loads the key file at path, or creates it when absent: a new random key as
  // 64 lowercase hex characters and a newline, in a file created exclusively
  // with mode 0600. An existing file is refused (kInvalidArgument) when group or
  // others have any permission bit, or when it does not hold 64 hex characters
  // (trailing whitespace allowed).
  static core::Result<RootKey> LoadOrCreateFile(const std::string& path);

  RootKey(RootKey&&) noexcept;
  RootKey& operator=(RootKey&&) noexcept;
  RootKey(const RootKey&) = delete;
  RootKey& operator=(const RootKey&) = delete;
  ~RootKey();

  // Public fingerprint: the first 16 lowercase hex characters of
  // HMAC-SHA256(key, "paramsafe root key id"). Tells which root key wrapped a
  // KMS key; reveals nothing about the key.
  std::string Id() const;

  // AeadSeal(key, ad, material) (see crypto/envelope.h, which also says when it
  // throws). For use inside crypto/.
  std::vector<std::uint8_t> Wrap(std::string_view ad, const std::uint8_t* material,
                                 std::size_t n) const;

  // AeadOpen(key, ad, blob): kDecryptFailed on any failure. For use inside crypto/.
  core::Result<core::SecureBuffer> Unwrap(std::string_view ad,
                                          const std::vector<std::uint8_t>& blob) const;

 private:
  struct Impl;
  explicit RootKey(std::unique_ptr<Impl> impl);
  // REQUIRES: n == 32.
  static core::Result<RootKey> FromBytes(const std::uint8_t* key, std::size_t n);
  static core::Result<RootKey> CreateFile(const std::string& path);
  static core::Result<RootKey> ReadFile(int fd, const std::string& path);

  std::unique_ptr<Impl> impl_;
};

}  // namespace paramsafe::crypto

#endif  // PARAMSAFE_CRYPTO_ROOT_KEY_H_
