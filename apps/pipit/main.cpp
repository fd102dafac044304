// pipit: one binary for the engine and the platform: `pipit sql`, `pipit local`, `pipit serve`.

#include "apps/pipit/ServerCommand.h"
#include "engine/base/Exception.h"
#include "engine/io/FileBuffers.h"
#include "engine/session/Database.h"
#include "engine/session/StatementReader.h"

#include <CLI/CLI.hpp>

#include <malloc.h>

#include <chrono>
#include <iostream>
#include <unistd.h>

namespace
{

constexpr const char * pipit_version = "0.1.0";

struct SqlCommandOptions
{
    std::string data_dir = "./pipit-data";
    std::string format;
    std::string query;
    bool errors_as_output = false;
    bool fsync = false;
    bool time = false;
};

/// Runs one statement; on error prints it and returns false.
bool runStatement(pipit::Database & database, const std::string & statement, pipit::ReadBuffer * input, pipit::WriteBufferFromFD & out,
                  const pipit::StatementOptions & options, const SqlCommandOptions & cli, size_t line)
{
    try
    {
        auto start = std::chrono::steady_clock::now();
        database.execute(statement, input, out, options);
        out.next();
        if (cli.time)
            std::cerr << "Elapsed: " << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() << " ms"
                      << std::endl;
        return true;
    }
    catch (const pipit::Exception & e)
    {
        out.next();
        if (cli.errors_as_output)
        {
            std::string text = std::string("Error: ") + pipit::errorCodeName(e.code()) + "\n";
            out.write(text);
            out.next();
        }
        std::cerr << e.displayText();
        if (line > 1)
            std::cerr << " (statement starting at line " << line << " of the input)";
        std::cerr << std::endl;
    }
    catch (const std::bad_alloc &)
    {
        out.next();
        if (cli.errors_as_output)
        {
            out.write(std::string_view("Error: MEMORY_LIMIT_EXCEEDED\n"));
            out.next();
        }
        std::cerr << "Code: 241. Out of memory (MEMORY_LIMIT_EXCEEDED)" << std::endl;
    }
    return false;
}

int runSql(const SqlCommandOptions & cli)
{
    pipit::StatementOptions options;
    options.default_format = !cli.format.empty() ? cli.format : (::isatty(STDOUT_FILENO) ? "PrettyCompact" : "TSV");
    options.durable_inserts = cli.fsync;

    pipit::WriteBufferFromFD out(STDOUT_FILENO, 1 << 16);
    std::unique_ptr<pipit::Database> database;
    try
    {
        database = std::make_unique<pipit::Database>(pipit::DatabaseOptions {cli.data_dir});
    }
    catch (const pipit::Exception & e)
    {
        std::cerr << e.displayText() << std::endl;
        return 1;
    }

    bool ok = true;
    if (!cli.query.empty())
    {
        // The query's INSERT data, if any, comes from stdin.
        pipit::ReadBufferFromFD input(STDIN_FILENO);
        ok = runStatement(*database, cli.query, &input, out, options, cli, 1);
    }
    else
    {
        pipit::StatementReader reader(STDIN_FILENO);
        while (true)
        {
            std::optional<std::string> statement;
            try
            {
                statement = reader.next();
            }
            catch (const pipit::Exception & e)
            {
                std::cerr << e.displayText() << std::endl;
                ok = false;
                break;
            }
            if (!statement)
                break;
            bool statement_ok = runStatement(*database, *statement, nullptr, out, options, cli, reader.statementLine());
            ok = ok && statement_ok;
            if (!statement_ok && !cli.errors_as_output)
                break;
        }
    }
    try
    {
        database.reset(); // flushes buffered inserts to parts
        out.finalize();
    }
    catch (const pipit::Exception & e)
    {
        std::cerr << e.displayText() << std::endl;
        return 1;
    }
    return ok || cli.errors_as_output ? (ok ? 0 : 1) : 1;
}

/// Query blocks are allocated and freed at a high rate in sizes of 64 KiB .. tens of MiB. glibc serves large ones
/// with fresh mmaps and trims freed heap tops, so every block paid page faults (20-30% of CPU in scans). Heap
/// allocations up to 64 MiB and keeping up to 1 GiB of free heap let blocks reuse memory; the memory stays in the
/// process (as with jemalloc's retention), bounded by the per-query memory limit.
void keepFreedMemoryForReuse()
{
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

} // namespace

int main(int argc, char ** argv)
{
    keepFreedMemoryForReuse();
    CLI::App app {"pipit: a real-time analytics database with ClickHouse SQL and MergeTree storage"};
    app.set_version_flag("--version", pipit_version);
    app.require_subcommand(1);

    SqlCommandOptions sql;
    auto * sql_command =
        app.add_subcommand("sql", "Run SQL against a local data directory. With no QUERY, statements separated by ';' are read from stdin "
                                  "and run as they arrive; an INSERT ... FORMAT given as QUERY reads its data from stdin.");
    sql_command->add_option("--data-dir", sql.data_dir, "Data directory (created if missing)")->capture_default_str();
    sql_command->add_option("--format", sql.format,
                            "Output format when the statement has no FORMAT (default: PrettyCompact on a terminal, TSV otherwise)");
    sql_command->add_flag("--fsync", sql.fsync, "Acknowledge inserts only once their write-ahead log record is fsync'd");
    sql_command->add_flag("--errors-as-output", sql.errors_as_output,
                          "On error print 'Error: <CODE_NAME>' to stdout and go on with the next statement (used by the SQL tests)");
    sql_command->add_flag("--time", sql.time, "Print each successful statement's wall time to stderr as 'Elapsed: <ms> ms'");
    sql_command->add_option("query", sql.query, "One SQL statement");

    pipit::ServerCommandOptions local;
    local.load_project = true;
    local.project_dir = ".";
    auto * local_command = app.add_subcommand(
        "local", "Load a Tinybird project (data sources, pipes, fixtures, tokens) into the default workspace and serve the HTTP API "
                 "(Tinybird Local compatible: GET /tokens, /v0/sql, /v0/pipes, /v0/events, ...)");
    local_command->add_option("project_dir", local.project_dir, "Project directory holding .datasource/.pipe files and fixtures/")
        ->capture_default_str();
    pipit::ServerCommandOptions serve;
    auto * serve_command = app.add_subcommand(
        "serve", "Serve the HTTP API on a data directory as a long-running server; with PROJECT_DIR, also load that Tinybird project into "
                 "the default workspace as `local` does (its pipes and endpoints are served only while it is loaded)");
    serve_command->add_option("project_dir", serve.project_dir, "Optional project directory holding .datasource/.pipe files and fixtures/");
    for (auto [command, options] : {std::pair {local_command, &local}, std::pair {serve_command, &serve}})
    {
        command->add_option("--port", options->port, "TCP port to listen on")->capture_default_str();
        command->add_option("--host", options->host, "Address to listen on (0.0.0.0 for every interface)")->capture_default_str();
        command
            ->add_option("--data-dir", options->data_dir,
                         "Data directory: tables, and workspaces/tokens in auth.sqlite (created if missing)")
            ->capture_default_str();
        command
            ->add_option("--import-dir", options->import_dirs,
                         "Directory whose files url= imports may read (file:// URLs and paths; repeatable). `local` also allows "
                         "the project directory; without any, url= imports read http(s) URLs only")
            ->type_name("DIR");
        command->add_option("--threads", options->threads, "HTTP worker threads serving connections and handlers (0: one per core)")
            ->capture_default_str();
        command->add_option("--query-threads", options->query_threads, "Threads per query (0: one per core)")->capture_default_str();
        command
            ->add_option("--query-timeout", options->query_timeout_seconds,
                         "Seconds a query of the API may run before it fails with 504 (0: no limit)")
            ->capture_default_str();
    }

    try
    {
        app.parse(argc, argv);
    }
    catch (const CLI::ParseError & e)
    {
        return app.exit(e);
    }
    if (sql_command->parsed())
        return runSql(sql);
    if (local_command->parsed())
        return pipit::ServerCommand::run(local);
    if (serve_command->parsed())
    {
        serve.load_project = !serve.project_dir.empty();
        return pipit::ServerCommand::run(serve);
    }
    return 0;
}
