// The two requests of wire-protocol.md section 5.7, recorded from the Debian aws
// CLI 2.9.19 (`aws ssm get-parameter --name /x`), with the values the document
// gives for them. Credentials: AKIDEXAMPLE / "x", us-east-1, ssm.
#ifndef PARAMSAFE_TESTS_UNIT_AUTH_CLI_VECTORS_H_
#define PARAMSAFE_TESTS_UNIT_AUTH_CLI_VECTORS_H_

#include <string>

#include "http_message.h"

namespace paramsafe::auth::testing {

inline constexpr char kCliAccessKeyId[] = "AKIDEXAMPLE";
inline constexpr char kCliSecret[] = "x";
inline constexpr char kCliBody[] = "{\"Name\": \"/x\"}";
inline constexpr char kCliBodySha256[] =
    "22acff7f5d310d916a1f293817b79b1cdd5f61ab6534be008011c98a7d0d3e2a";
inline constexpr char kCliSigningKey20261128[] =
    "047fc4c6bd3c1d3cdfe5cd499b97cbf53f0a9d2a54a7bdab87ea09e340d181a3";

struct CliVector {
  const char* name;
  const char* host;
  const char* amz_date;
  const char* token;  // nullptr: no session token
  const char* signed_headers;
  const char* canonical_request_sha256;
  const char* signature;
};

inline constexpr CliVector kCliVectorA = {
    "A",
    "127.0.0.1:9",
    "20261128T235349Z",
    nullptr,
    "content-type;host;x-amz-date;x-amz-target",
    "52115864380a9ef86fe3a1ef6fc5a697cd081d5b822c2932d74cfe71230870b9",
    "bb10142b89e692ae2967bf678bda7d4254320e4789629af9393ef53bcadad629"};

inline constexpr CliVector kCliVectorB = {
    "B",
    "127.0.0.1:18081",
    "20261128T235431Z",
    "FQoGZXIvYXdzEXAMPLETOKEN",
    "content-type;host;x-amz-date;x-amz-security-token;x-amz-target",
    "f7c4c8860df250066619976facb73c8b04bcbb9ecf5679f40dd50a490cb6f78e",
    "cac1aa34f869b55c524c9d5a6e8f549ef61fe5e9e57405c61a1a6018a7dbbe37"};

// The canonical request of vector A, byte for byte, as the document prints it.
inline constexpr char kCliVectorACanonicalRequest[] =
    "POST\n"
    "/\n"
    "\n"
    "content-type:application/x-amz-json-1.1\n"
    "host:127.0.0.1:9\n"
    "x-amz-date:20261128T235349Z\n"
    "x-amz-target:AmazonSSM.GetParameter\n"
    "\n"
    "content-type;host;x-amz-date;x-amz-target\n"
    "22acff7f5d310d916a1f293817b79b1cdd5f61ab6534be008011c98a7d0d3e2a";

// The request as the CLI sent it (headers of section 6, in mixed case).
inline HttpMessage CliRequest(const CliVector& v) {
  HttpMessage m;
  m.method = "POST";
  m.path = "/";
  m.AddHeader("Host", v.host);
  m.AddHeader("Accept-Encoding", "identity");
  m.AddHeader("X-Amz-Target", "AmazonSSM.GetParameter");
  m.AddHeader("Content-Type", "application/x-amz-json-1.1");
  m.AddHeader("User-Agent",
              "aws-cli/2.9.19 Python/3.11.2 Linux/6.1.0 source/x86_64.debian.12 prompt/off "
              "command/ssm.get-parameter");
  m.AddHeader("X-Amz-Date", v.amz_date);
  if (v.token != nullptr) m.AddHeader("X-Amz-Security-Token", v.token);
  m.AddHeader("Authorization", std::string("AWS4-HMAC-SHA256 Credential=") + kCliAccessKeyId +
                                   "/20261128/us-east-1/ssm/aws4_request, SignedHeaders=" +
                                   v.signed_headers + ", Signature=" + v.signature);
  m.AddHeader("Content-Length", "14");
  m.body = kCliBody;
  return m;
}

}  // namespace paramsafe::auth::testing

#endif  // PARAMSAFE_TESTS_UNIT_AUTH_CLI_VECTORS_H_
