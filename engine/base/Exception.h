#pragma once

#include "engine/base/ErrorCodes.h"

#include <exception>
#include <string>

namespace pipit
{

/// The one exception type of the engine. `code` is stable (see ErrorCodes.h); `message` is for humans.
/// User errors (bad SQL, bad data) and environment errors (I/O) are Exceptions; broken internal
/// invariants are Exceptions with LOGICAL_ERROR raised through CHECK.
class Exception : public std::exception
{
public:
    Exception(ErrorCode code, std::string message);

    ErrorCode code() const { return code_; }
    const std::string & message() const { return message_; }
    const char * what() const noexcept override { return message_.c_str(); }

    /// Prepends context: "while reading part 'x': <message>".
    void addContext(const std::string & context);

    /// "Code: 62. DB::Exception: <message>. (SYNTAX_ERROR)" style line for CLIs.
    std::string displayText() const;

private:
    ErrorCode code_;
    std::string message_;
};

/// Throws Exception(CANNOT_OPEN_FILE-like code, "<what>: <path>: <strerror(errno)>").
[[noreturn]] void throwFromErrno(ErrorCode code, const std::string & what, int saved_errno);

} // namespace pipit
