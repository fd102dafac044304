#include "platform/ingest/IngestUrlReader.h"

#include "engine/base/Exception.h"

#include <curl/curl.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>

namespace pipit
{

namespace
{

struct Download
{
    std::string body;
    size_t max_bytes = 0;
    bool too_large = false;
};

size_t writeBody(char * data, size_t size, size_t count, void * user)
{
    auto & download = *static_cast<Download *>(user);
    size_t bytes = size * count;
    if (download.body.size() + bytes > download.max_bytes)
    {
        download.too_large = true;
        return 0; // aborts the transfer
    }
    download.body.append(data, bytes);
    return bytes;
}

std::string readLocalFile(const std::string & path, size_t max_bytes)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw Exception(ErrorCode::BAD_ARGUMENTS, path + " is a directory, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Exception(ErrorCode::FILE_DOESNT_EXIST, "Cannot open " + path);
    in.seekg(0, std::ios::end);
    auto size = in.tellg();
    if (size < 0)
        throw Exception(ErrorCode::CANNOT_DOWNLOAD, "Cannot read " + path);
    if (static_cast<size_t>(size) > max_bytes)
        throw Exception(ErrorCode::PAYLOAD_TOO_LARGE, path + " is larger than " + std::to_string(max_bytes) + " bytes");
    in.seekg(0, std::ios::beg);
    std::string body(static_cast<size_t>(size), '\0');
    if (size > 0 && !in.read(body.data(), size))
        throw Exception(ErrorCode::CANNOT_DOWNLOAD, "Cannot read " + path);
    return body;
}

/// True when `path` is `root` or inside it (both absolute and normalised).
bool isInside(const std::filesystem::path & path, const std::filesystem::path & root)
{
    auto [root_end, path_end] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
    if (root_end == root.end())
        return true;
    // A root given with a trailing separator ends in an empty component.
    return std::next(root_end) == root.end() && root_end->empty();
}

std::string resolveLocalPath(const std::string & url, const std::string & path, const IngestLocalFilePolicy & policy)
{
    if (!policy.allowed)
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Imports from local files are disabled on this server: " + url);
    if (policy.roots.empty())
        return path;
    std::error_code ec;
    std::filesystem::path candidate(path);
    if (candidate.is_relative())
        candidate = std::filesystem::path(policy.roots.front()) / candidate;
    std::filesystem::path resolved = std::filesystem::weakly_canonical(candidate, ec);
    if (!ec)
        for (const auto & root : policy.roots)
        {
            std::filesystem::path canonical_root = std::filesystem::weakly_canonical(root, ec);
            if (!ec && isInside(resolved, canonical_root))
                return resolved.string();
        }
    throw Exception(ErrorCode::ACCESS_DENIED,
                    "Imports from local files are only allowed under the server's import directories (--import-dir): " + url);
}

} // namespace

std::string IngestUrlReader::checkUrl(const std::string & url, const IngestLocalFilePolicy & policy)
{
    if (url.starts_with("http://") || url.starts_with("https://"))
        return "";
    std::string path;
    if (url.starts_with("file://"))
        path = url.substr(7);
    else if (url.find("://") == std::string::npos && !url.empty())
        path = url;
    else
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Unsupported URL scheme in '" + url + "': use http, https or file");
    if (path.empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Empty file path in '" + url + "'");
    return resolveLocalPath(url, path, policy);
}

std::string IngestUrlReader::fetch(const std::string & url, size_t max_bytes, const IngestLocalFilePolicy & policy)
{
    bool is_http = url.starts_with("http://") || url.starts_with("https://");
    if (!is_http)
        return readLocalFile(checkUrl(url, policy), max_bytes);

    static std::once_flag curl_initialised;
    std::call_once(curl_initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl)
        throw Exception(ErrorCode::CANNOT_DOWNLOAD, "Cannot initialise libcurl");
    Download download;
    download.max_bytes = max_bytes;
    char error_buffer[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl.get(), CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(curl.get(), CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &writeBody);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &download);
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error_buffer);
    CURLcode code = curl_easy_perform(curl.get());
    if (download.too_large)
        throw Exception(ErrorCode::PAYLOAD_TOO_LARGE, url + " is larger than " + std::to_string(max_bytes) + " bytes");
    if (code != CURLE_OK)
        throw Exception(ErrorCode::CANNOT_DOWNLOAD,
                        "Cannot download " + url + ": " + (error_buffer[0] ? std::string(error_buffer) : curl_easy_strerror(code)));
    long status = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
    if (status >= 400)
        throw Exception(ErrorCode::CANNOT_DOWNLOAD, "Cannot download " + url + ": HTTP status " + std::to_string(status));
    return std::move(download.body);
}

} // namespace pipit
