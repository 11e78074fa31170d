using System.Diagnostics;
using System.Net.Sockets;

namespace MarketBlazor.Tests.Deployment;

/// <summary>
/// Debian's nginx as a child process in front of app instances: its config, pid, logs and temp files
/// in a folder of its own, listening on a free loopback port, sticky by the <see cref="AffinityCookie"/>
/// (set on a visitor's first response), with the WebSocket upgrade Blazor's circuits need. The same
/// shape as deploy/nginx.conf, with the test's upstreams.
/// </summary>
internal sealed class NginxProxy : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";
    public const string AffinityCookie = "mb_instance";

    private readonly Process process;
    private readonly string folder;

    private NginxProxy(Process process, string folder, Uri address)
    {
        this.process = process;
        this.folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public string ErrorLog => File.Exists(Path.Combine(folder, "error.log")) ? File.ReadAllText(Path.Combine(folder, "error.log")) : "";

    public static async Task<NginxProxy> StartAsync(IReadOnlyList<Uri> instances)
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"The deployment test needs nginx at {Binary}: apt-get install -y nginx (.ci/run does).");
        var folder = Directory.CreateTempSubdirectory("marketblazor-nginx-").FullName;
        var port = Testing.FreePort.Next();
        var configuration = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(configuration, Configuration(folder, port, instances));
        var start = new ProcessStartInfo(Binary, ["-p", folder, "-c", configuration, "-e", Path.Combine(folder, "error.log"), "-g", "daemon off;"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var proxy = new NginxProxy(process, folder, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await proxy.WaitUntilListeningAsync(port);
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    private static string Configuration(string folder, int port, IReadOnlyList<Uri> instances) => $$"""
        worker_processes 1;
        pid {{folder}}/nginx.pid;
        error_log {{folder}}/error.log warn;
        events { worker_connections 1024; }
        http {
            access_log off;
            client_body_temp_path {{folder}}/client_body;
            proxy_temp_path {{folder}}/proxy;
            fastcgi_temp_path {{folder}}/fastcgi;
            uwsgi_temp_path {{folder}}/uwsgi;
            scgi_temp_path {{folder}}/scgi;

            # Blazor's circuit is a WebSocket: pass the upgrade through.
            map $http_upgrade $connection_upgrade { default upgrade; '' close; }
            # Sticky by a cookie: a visitor without one gets a random key, kept for the session.
            map $cookie_{{AffinityCookie}} $affinity { '' $request_id; default $cookie_{{AffinityCookie}}; }
            map $cookie_{{AffinityCookie}} $affinity_cookie { '' "{{AffinityCookie}}=$request_id; Path=/; HttpOnly; SameSite=Lax"; default ''; }

            upstream marketblazor {
                hash $affinity consistent;
        {{string.Join("\n", instances.Select(i => $"        server {i.Authority} max_fails=1 fail_timeout=30s;"))}}
            }

            server {
                listen 127.0.0.1:{{port}};
                location / {
                    proxy_pass http://marketblazor;
                    proxy_http_version 1.1;
                    proxy_set_header Upgrade $http_upgrade;
                    proxy_set_header Connection $connection_upgrade;
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    # A circuit stays open as long as its tab does.
                    proxy_read_timeout 1h;
                    proxy_send_timeout 1h;
                    proxy_connect_timeout 2s;
                    # A dead instance: its visitors move to the next one (POSTs only if never sent).
                    proxy_next_upstream error timeout http_502 http_503;
                    add_header Set-Cookie $affinity_cookie;
                }
            }
        }
        """;

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}{ErrorLog}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        finally
        {
            process.Dispose();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A worker still closing a temp file: the folder is under /tmp and small.
            }
        }
    }
}
