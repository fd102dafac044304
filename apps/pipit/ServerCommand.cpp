#include "apps/pipit/ServerCommand.h"

#include "apps/pipit/LocalProjectLoader.h"
#include "engine/base/Exception.h"
#include "platform/auth/AuthService.h"
#include "platform/http/HttpRouter.h"
#include "platform/http/HttpRoutes.h"
#include "platform/http/HttpServer.h"
#include "platform/http/PlatformContext.h"
#include "platform/project/Project.h"

#include <cstdlib>
#include <iostream>

namespace pipit
{

namespace
{

std::string environment(const char * name)
{
    const char * value = std::getenv(name);
    return value ? value : "";
}

} // namespace

int ServerCommand::run(const ServerCommandOptions & options)
{
    try
    {
        PlatformOptions platform_options;
        platform_options.data_dir = options.data_dir;
        platform_options.query_threads = options.query_threads;
        platform_options.query_timeout_seconds = options.query_timeout_seconds;
        platform_options.user_token = environment("TB_LOCAL_USER_TOKEN");
        platform_options.workspace_admin_token = environment("TB_LOCAL_WORKSPACE_TOKEN");
        PlatformContext platform(platform_options);

        Workspace workspace = platform.auth().defaultWorkspace();
        std::shared_ptr<const Project> project;
        if (options.load_project)
        {
            project = std::make_shared<const Project>(loadProject(options.project_dir));
            LocalProjectLoadReport report = LocalProjectLoader::load(platform, workspace, project);
            std::cout << "Project " << options.project_dir << ": " << project->datasources.size() << " data sources, "
                      << project->pipes.size() << " pipes" << std::endl;
            for (const auto & table : report.created_tables)
                std::cout << "  created data source " << table << std::endl;
            for (const auto & fixture : report.loaded_fixtures)
                std::cout << "  loaded fixture " << fixture << std::endl;
            for (const auto & warning : report.warnings)
                std::cerr << "  warning: " << warning << std::endl;
            if (report.tokens_synced)
                std::cout << "  synced " << report.tokens_synced << " datafile tokens" << std::endl;
        }

        HttpRouter router;
        registerHttpRoutes(router, platform);
        HttpServerOptions server_options;
        server_options.host = options.host;
        server_options.port = options.port;
        server_options.threads = options.threads;
        HttpServer server(server_options, platform, router);
        server.listen();

        std::string base = "http://" + (options.host == "0.0.0.0" ? std::string("localhost") : options.host) + ":"
            + std::to_string(server.port());
        LocalTokens tokens = platform.auth().localTokens();
        std::cout << "pipit listening on " << base << " (data: " << options.data_dir << ", workspace: " << workspace.name << ")\n"
                  << "  admin token: " << workspace.admin_token << "\n"
                  << "  user token:  " << tokens.user_token << "\n";
        if (project)
        {
            for (const auto & pipe : project->pipes)
                if (pipe.isEndpoint())
                {
                    std::cout << "  try: curl '" << base << "/v0/pipes/" << pipe.name << ".json?token=" << workspace.admin_token << "'\n";
                    break;
                }
        }
        std::cout << "  try: curl '" << base << "/v0/sql?q=SELECT+1&token=" << workspace.admin_token << "'" << std::endl;
        server.run();
        std::cout << "pipit stopped" << std::endl;
        return 0;
    }
    catch (const Exception & e)
    {
        std::cerr << e.displayText() << std::endl;
        return 1;
    }
    catch (const std::exception & e)
    {
        std::cerr << "Error: " << e.what() << std::endl;
        return 1;
    }
}

} // namespace pipit
