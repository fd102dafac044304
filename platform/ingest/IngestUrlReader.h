#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace pipit
{

/// Which files of the server url= imports may read (file:///path or a plain path).
struct IngestLocalFilePolicy
{
    bool allowed = true;
    /// When not empty, a local path must resolve (symlinks and `..` resolved) inside one of these
    /// directories, and a relative path is relative to the first one. Empty: any path (relative to
    /// the working directory).
    std::vector<std::string> roots;
};

/// Downloads the body of a url= import: http:// and https:// through libcurl (redirects
/// followed, HTTP status >= 400 is an error), file:///path and plain paths from the local file
/// system as the policy allows.
class IngestUrlReader
{
public:
    /// Throws CANNOT_DOWNLOAD (network error, HTTP error status), FILE_DOESNT_EXIST, BAD_ARGUMENTS
    /// for an unsupported scheme or a local path when local files are not allowed, ACCESS_DENIED for
    /// a local path outside the policy's roots, PAYLOAD_TOO_LARGE past `max_bytes`.
    static std::string fetch(const std::string & url, size_t max_bytes, const IngestLocalFilePolicy & policy);

    /// Checks the URL without reading it (same errors as fetch for the scheme and the local path
    /// policy). Returns the resolved local path, or "" for an http(s) URL.
    static std::string checkUrl(const std::string & url, const IngestLocalFilePolicy & policy);
};

} // namespace pipit
