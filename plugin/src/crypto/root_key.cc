#include "crypto/root_key.h"

#include <botan/secmem.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <system_error>

#include "crypto/envelope.h"
#include "crypto/hash.h"
#include "crypto/rng.h"

namespace paramsafe::crypto {
namespace {

using core::Code;
using core::Status;

constexpr std::size_t kKeySize = 32;
constexpr std::size_t kHexSize = 2 * kKeySize;
constexpr std::string_view kIdLabel = "paramsafe root key id";
constexpr std::size_t kIdSize = 16;
// Comfortably more than 64 hex characters and some whitespace; anything longer
// is not a key file.
constexpr std::size_t kMaxFileSize = 1024;

// Closes the descriptor it owns.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  // Closes now and reports failure (a failed close can mean lost data).
  bool Close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

std::string ErrnoText(int err) { return std::generic_category().message(err); }

Status FileError(const std::string& what, const std::string& path, int err) {
  return Status(Code::kInvalidArgument, what + " root key file " + path + ": " + ErrnoText(err));
}

// The value of one hex digit, computed without branching on the character, so
// decoding takes the same path whatever the key bytes are. *bad becomes
// non-zero if c is not a hex digit.
unsigned HexNibble(unsigned char c, unsigned* bad) {
  const int num = c ^ 0x30;                     // '0'..'9' -> 0..9
  const int num_ok = ((num - 10) >> 8) & 0xff;  // 0xff iff num < 10
  const int alpha = (c & ~0x20) - 55;           // 'A'..'F' / 'a'..'f' -> 10..15
  const int alpha_ok = (((alpha - 10) ^ (alpha - 16)) >> 8) & 0xff;  // 0xff iff 10 <= alpha < 16
  *bad |= static_cast<unsigned>(~(num_ok | alpha_ok) & 0xff);
  return static_cast<unsigned>((num_ok & num) | (alpha_ok & alpha)) & 0x0f;
}

Status BadHex() {
  return Status(Code::kInvalidArgument, "root key must be exactly 64 hex characters (32 bytes)");
}

Status WriteAll(int fd, const char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t written = ::write(fd, data, n);
    if (written < 0) {
      if (errno == EINTR) continue;
      return Status(Code::kInvalidArgument, ErrnoText(errno));
    }
    data += written;
    n -= static_cast<std::size_t>(written);
  }
  return Status::Ok();
}

}  // namespace

struct RootKey::Impl {
  Botan::secure_vector<std::uint8_t> key;
  std::string id;
};

RootKey::RootKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RootKey::RootKey(RootKey&&) noexcept = default;
RootKey& RootKey::operator=(RootKey&&) noexcept = default;
RootKey::~RootKey() = default;

core::Result<RootKey> RootKey::FromBytes(const std::uint8_t* key, std::size_t n) {
  try {
    auto impl = std::make_unique<Impl>();
    impl->key.assign(key, key + n);
    const core::SecureBuffer mac =
        HmacSha256(std::string_view(reinterpret_cast<const char*>(key), n), kIdLabel);
    impl->id = HexEncode(mac).substr(0, kIdSize);
    return RootKey(std::move(impl));
  } catch (...) {
    return StatusFromException("root key setup", Code::kInternal);
  }
}

core::Result<RootKey> RootKey::FromHex(std::string_view hex) {
  if (hex.size() != kHexSize) return BadHex();
  std::array<std::uint8_t, kKeySize> key;
  unsigned bad = 0;
  for (std::size_t i = 0; i < kKeySize; ++i) {
    const unsigned hi = HexNibble(static_cast<unsigned char>(hex[2 * i]), &bad);
    const unsigned lo = HexNibble(static_cast<unsigned char>(hex[2 * i + 1]), &bad);
    key[i] = static_cast<std::uint8_t>((hi << 4) | lo);
  }
  core::Result<RootKey> result =
      bad != 0 ? core::Result<RootKey>(BadHex()) : FromBytes(key.data(), key.size());
  core::SecureWipe(key.data(), key.size());
  return result;
}

core::Result<RootKey> RootKey::LoadOrCreateFile(const std::string& path) {
  // The file is opened once and checked through its descriptor (fstat), so it
  // cannot be swapped between the permission check and the read. Symlinks are
  // followed on purpose: mounted secrets (e.g. Kubernetes) are symlinks.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return CreateFile(path);
    return FileError("cannot open", path, errno);
  }
  return ReadFile(fd, path);
}

core::Result<RootKey> RootKey::CreateFile(const std::string& path) {
  // O_EXCL: never overwrite a key someone else just created (losing a root key
  // loses every secret); O_NOFOLLOW: never create the key through a symlink.
  FileDescriptor file(
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (file.get() < 0) {
    if (errno == EEXIST) {
      // Another process created it between our two opens: use its key.
      const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) return FileError("cannot open", path, errno);
      return ReadFile(fd, path);
    }
    return FileError("cannot create", path, errno);
  }
  // A partial file would be refused at the next start, or worse, be mistaken
  // for the key: remove it on any failure below.
  auto fail = [&path](Status status) {
    ::unlink(path.c_str());
    return status;
  };
  // The process umask may have dropped bits from 0600; the owner must be able to
  // read the key back, and nobody else may.
  if (::fchmod(file.get(), 0600) != 0) return fail(FileError("cannot chmod", path, errno));

  Botan::secure_vector<std::uint8_t> key;
  try {
    key = Rng().random_vec(kKeySize);
  } catch (...) {
    return fail(StatusFromException("root key generation", Code::kInternal));
  }
  static constexpr char kHex[] = "0123456789abcdef";
  core::SecureString text;
  text.reserve(kHexSize + 1);
  for (const std::uint8_t b : key) {
    text.push_back(kHex[b >> 4]);
    text.push_back(kHex[b & 0x0f]);
  }
  text.push_back('\n');
  const Status written = WriteAll(file.get(), text.data(), text.size());
  if (!written.ok()) {
    return fail(Status(Code::kInvalidArgument,
                       "cannot write root key file " + path + ": " + written.reason()));
  }
  if (::fsync(file.get()) != 0) return fail(FileError("cannot sync", path, errno));
  if (!file.Close()) return fail(FileError("cannot close", path, errno));
  return FromBytes(key.data(), key.size());
}

core::Result<RootKey> RootKey::ReadFile(int fd, const std::string& path) {
  FileDescriptor file(fd);
  struct stat st;
  if (::fstat(file.get(), &st) != 0) return FileError("cannot stat", path, errno);
  if (!S_ISREG(st.st_mode)) {
    return Status(Code::kInvalidArgument, "root key file " + path + " is not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    return Status(Code::kInvalidArgument, "root key file " + path +
                                              " must not be readable by group or others "
                                              "(chmod 600)");
  }
  // Read into wiped memory: the file holds the key.
  core::SecureBuffer content(kMaxFileSize + 1);
  std::size_t size = 0;
  while (size < content.size()) {
    const ssize_t n = ::read(file.get(), content.data() + size, content.size() - size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return FileError("cannot read", path, errno);
    }
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
  }
  if (size > kMaxFileSize) {
    return Status(Code::kInvalidArgument, "root key file " + path + " is too large to be a key");
  }
  auto is_space = [](std::uint8_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  };
  while (size > 0 && is_space(content[size - 1])) --size;
  core::Result<RootKey> key =
      FromHex(std::string_view(reinterpret_cast<const char*>(content.data()), size));
  if (!key.ok() && key.status().code() == Code::kInvalidArgument) {
    return Status(Code::kInvalidArgument,
                  "root key file " + path +
                      " must hold exactly 64 hex characters (32 bytes), optionally followed "
                      "by whitespace");
  }
  return key;
}

std::string RootKey::Id() const { return impl_->id; }

std::vector<std::uint8_t> RootKey::Wrap(std::string_view ad, const std::uint8_t* material,
                                        std::size_t n) const {
  return AeadSeal(impl_->key.data(), impl_->key.size(), ad, material, n);
}

core::Result<core::SecureBuffer> RootKey::Unwrap(std::string_view ad,
                                                 const std::vector<std::uint8_t>& blob) const {
  return AeadOpen(impl_->key.data(), impl_->key.size(), ad, blob.data(), blob.size());
}

}  // namespace paramsafe::crypto
