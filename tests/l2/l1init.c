// SPDX-License-Identifier: MIT
/*
 * PID 1 of the L1 initramfs (the guest hypervisor's userspace): mounts
 * devtmpfs (for /dev/kvm), proc and sysfs, runs the workload named in
 * /workload (one argument per line, then the arguments the kernel passed
 * to init after "--" on its command line), prefixes each line the
 * workload writes with "L2| " so the harness can tell its output (the
 * VMM's verdict, or L2's console through QEMU's -serial stdio) from the
 * L1 kernel's, reports how it ended, and powers the machine off.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ARGS 64

static void say(const char *msg, const char *arg)
{
	printf("vel2-l1: %s%s\n", msg, arg ? arg : "");
	fflush(stdout);
}

static void power_off(void)
{
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

/* Read /workload into argv: one argument per line. */
static int read_workload(char **argv, char *buf, size_t size)
{
	int fd = open("/workload", O_RDONLY), n = 0;
	ssize_t len;
	char *p, *nl;

	if (fd < 0)
		return -1;
	len = read(fd, buf, size - 1);
	close(fd);
	if (len <= 0)
		return -1;
	buf[len] = 0;
	for (p = buf; *p && n < MAX_ARGS; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		if (nl != p)
			argv[n++] = p;
		if (!*nl)
			break;
		*nl = 0;
	}
	argv[n] = NULL;
	return n;
}

int main(int argc, char **argv)
{
	static char buf[4096], line[4096];
	char *wargv[MAX_ARGS + 16];
	int pipefd[2], status, n, i, null;
	size_t used = 0;
	pid_t pid;
	FILE *in;

	mkdir("/dev", 0755);
	mkdir("/proc", 0555);
	mkdir("/sys", 0555);
	mkdir("/tmp", 01777);
	if (mount("devtmpfs", "/dev", "devtmpfs", 0, NULL) && errno != EBUSY)
		say("cannot mount /dev: ", strerror(errno));
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);

	n = read_workload(wargv, buf, sizeof(buf));
	if (n <= 0) {
		say("FAIL no /workload", NULL);
		power_off();
	}
	for (i = 1; i < argc && n < MAX_ARGS + 15; i++)
		wargv[n++] = argv[i];
	wargv[n] = NULL;
	say("running ", wargv[0]);

	if (pipe(pipefd)) {
		say("FAIL pipe: ", strerror(errno));
		power_off();
	}
	pid = fork();
	if (pid == 0) {
		null = open("/dev/null", O_RDONLY);
		if (null >= 0)
			dup2(null, 0);
		dup2(pipefd[1], 1);
		dup2(pipefd[1], 2);
		close(pipefd[0]);
		close(pipefd[1]);
		execv(wargv[0], wargv);
		printf("exec %s: %s\n", wargv[0], strerror(errno));
		_exit(127);
	}
	close(pipefd[1]);
	/* Line by line; a partial line (no newline yet) waits for the rest. */
	in = fdopen(pipefd[0], "r");
	while (in && fgets(line + used, sizeof(line) - used, in)) {
		used = strlen(line);
		if (used < sizeof(line) - 1 && line[used - 1] != '\n')
			continue;
		printf("L2| %s%s", line, line[used - 1] == '\n' ? "" : "\n");
		fflush(stdout);
		used = 0;
	}
	if (used)
		printf("L2| %s\n", line);
	if (waitpid(pid, &status, 0) < 0)
		say("FAIL waitpid: ", strerror(errno));
	else if (WIFEXITED(status))
		printf("vel2-l1: workload exited with status %d\n",
		       WEXITSTATUS(status));
	else
		printf("vel2-l1: workload killed by signal %d\n",
		       WTERMSIG(status));
	power_off();
	return 0;
}
