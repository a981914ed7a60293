# The HTTPS bench (bench/run.sh https), sourced by inside.sh in its throughput loop: nginx over TLS with a certificate
# made here (openssl, a P-256 key as most sites serve; the JDK trusts it through a PKCS12 trust store made with
# keytool), and the generators pointed at https://127.0.0.1:$HTTPS_PORT. wrk and Gatling do not verify certificates;
# junit-loadtest does, through its trust store, as a team's run against a staging site with its own CA would.
HTTPS_PORT=8443; STATUS_PORT=8082
mkdir -p "$WORK/tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$WORK/tls/server.key" -out "$WORK/tls/server.crt" 2>/dev/null
"$JAVA_HOME_DIR/bin/keytool" -importcert -noprompt -alias bench -file "$WORK/tls/server.crt" -storetype PKCS12 \
  -keystore "$WORK/tls/trust.p12" -storepass changeit >/dev/null 2>&1
sed -e "s#@WORK@#$WORK#g" -e "s#@HTTPS_PORT@#$HTTPS_PORT#g" -e "s#@STATUS_PORT@#$STATUS_PORT#g" \
  "$BENCH/nginx-https.conf" > "$WORK/nginx-https.conf"
# The plain nginx gives its core to this one.
kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true
taskset -c "$TARGET_CORE" nginx -c "$WORK/nginx-https.conf" -e "$WORK/nginx-https-error.log" &
NGINX_PID=$!
# The target whose CPU the table shows is this nginx, not the plain one killed above.
TARGET_PID=$NGINX_PID
URL="https://127.0.0.1:$HTTPS_PORT"
for _ in $(seq 50); do curl -sk -o /dev/null "$URL/" && break; sleep 0.1; done
served() { curl -s "http://127.0.0.1:$STATUS_PORT/nginx_status" | awk 'NR==3 {print $3}'; }

# junit-loadtest trusts the certificate through its trust store; beside its default (the lean transport, HTTP/1.1),
# the same test on HttpClient 5 over HTTP/1.1 and over HTTP/2.
eval "base_$(declare -f command_of)"
command_of() {
  local trust="--config loadtest.tls.trust-store=$WORK/tls/trust.p12 --config loadtest.tls.trust-store-password=changeit"
  case "$1" in
    junit-loadtest) echo "$(base_command_of "$@") $trust" ;;
    junit-loadtest-httpclient) echo "$(base_command_of junit-loadtest "$2" "$3" "$4") $trust --config loadtest.http.transport=httpclient" ;;
    junit-loadtest-h2) echo "$(base_command_of junit-loadtest "$2" "$3" "$4") $trust --config loadtest.http.protocol=h2" ;;
    *) base_command_of "$@" ;;
  esac
}
ONLY="${ONLY_HTTPS:-wrk gatling junit-loadtest junit-loadtest-httpclient junit-loadtest-h2}"
