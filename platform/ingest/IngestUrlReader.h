#pragma once

#include <cstddef>
#include <string>

namespace pipit
{

/// Downloads the body of a url= import: http:// and https:// through libcurl (redirects
/// followed, HTTP status >= 400 is an error), file:///path and plain paths from the local file
/// system (only when local files are allowed).
class IngestUrlReader
{
public:
    /// Throws CANNOT_DOWNLOAD (network error, HTTP error status), FILE_DOESNT_EXIST, BAD_ARGUMENTS
    /// for an unsupported scheme or a local path when !allow_local_files, PAYLOAD_TOO_LARGE past
    /// `max_bytes`.
    static std::string fetch(const std::string & url, size_t max_bytes, bool allow_local_files);
};

} // namespace pipit
