#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pipit
{

/// Options of `pipit local` and `pipit serve`.
struct ServerCommandOptions
{
    std::string host = "127.0.0.1";
    uint16_t port = 7181;
    std::string data_dir = "./pipit-data";
    size_t threads = 0;
    size_t query_threads = 0;
    double query_timeout_seconds = 60;
    /// `pipit local`: the project directory to load into the default workspace; empty for `pipit serve`.
    std::string project_dir;
    bool load_project = false;
    /// Directories url= imports may read local files from (`pipit local` adds the project directory).
    std::vector<std::string> import_dirs;
};

/// Runs the HTTP API server until SIGINT/SIGTERM: opens the platform on the data directory, loads the project
/// (local), prints the tokens and an example URL, serves. Returns the process exit code.
class ServerCommand
{
public:
    static int run(const ServerCommandOptions & options);
};

} // namespace pipit
