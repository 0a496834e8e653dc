// SPDX-License-Identifier: MIT
/*
 * The minimal VMM: run by the L1 initramfs's /init (l1init.c) inside the
 * guest hypervisor (Linux KVM at EL2 natively, at vEL2 under vel2). It
 * creates a VM through /dev/kvm with one memslot holding l2code.S, one
 * vCPU with PSCI 0.2 and an in-kernel GICv3, and checks every exit of
 * KVM_RUN against what L2 does, in order:
 *   MMIO write of MMIO_MAGIC      KVM_EXIT_MMIO, address, size, data
 *   PSCI_VERSION by HVC           answered by KVM; L2 reports x0, which
 *                                 must equal KVM_REG_ARM_PSCI_VERSION
 *   N more PSCI_VERSION HVCs      (benchmark mode: "vmm bench N")
 *   WFI woken by the EL1 virtual timer through the in-kernel GIC: L2
 *                                 reports CNTV_CTL_EL0 (ENABLE|ISTATUS)
 *                                 and the INTID ICC_IAR1_EL1 gave (27)
 *   PSCI SYSTEM_OFF by HVC        KVM_EXIT_SYSTEM_EVENT, SHUTDOWN
 * and prints one line: "vmm: PASS ..." or "vmm: FAIL ...", each with
 * the (deterministic) values it saw. Exit status 0 only on PASS.
 */
#include "vmm.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

extern const char l2_code_start[], l2_code_end[];

/* What L2 has shown so far, printed on PASS and FAIL alike. */
static char seen[512];

static void add_seen(const char *fmt, ...)
{
	size_t n = strlen(seen);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(seen + n, sizeof(seen) - n, fmt, ap);
	va_end(ap);
}

static void fail(const char *fmt, ...)
{
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	printf("vmm: FAIL %s; saw:%s\n", why, seen[0] ? seen : " nothing");
	fflush(stdout);
	exit(1);
}

static int xioctl(int fd, unsigned long req, void *arg, const char *what)
{
	int r = ioctl(fd, req, arg);

	if (r < 0)
		fail("%s: %s", what, strerror(errno));
	return r;
}

static void set_attr(int dev, uint32_t group, uint64_t attr, void *addr,
		     const char *what)
{
	struct kvm_device_attr a = { .group = group,
				     .attr = attr,
				     .addr = (uint64_t)addr };

	xioctl(dev, KVM_SET_DEVICE_ATTR, &a, what);
}

static void set_reg(int vcpu, uint64_t id, uint64_t val, const char *what)
{
	struct kvm_one_reg r = { .id = id, .addr = (uint64_t)&val };

	xioctl(vcpu, KVM_SET_ONE_REG, &r, what);
}

static uint64_t get_reg(int vcpu, uint64_t id, const char *what)
{
	uint64_t val = 0;
	struct kvm_one_reg r = { .id = id, .addr = (uint64_t)&val };

	xioctl(vcpu, KVM_GET_ONE_REG, &r, what);
	return val;
}

#define CORE_REG(x)                                            \
	(KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | \
	 (offsetof(struct kvm_regs, x) / sizeof(uint32_t)))

/* SIGALRM only interrupts KVM_RUN (EINTR): L2 stuck, e.g. WFI unwoken. */
static void on_alarm(int sig)
{
	(void)sig;
}

static const char *exit_name(uint32_t r)
{
	static char buf[32];

	switch (r) {
	case KVM_EXIT_MMIO:
		return "MMIO";
	case KVM_EXIT_SYSTEM_EVENT:
		return "SYSTEM_EVENT";
	case KVM_EXIT_FAIL_ENTRY:
		return "FAIL_ENTRY";
	case KVM_EXIT_INTERNAL_ERROR:
		return "INTERNAL_ERROR";
	case KVM_EXIT_HYPERCALL:
		return "HYPERCALL";
	case KVM_EXIT_SHUTDOWN:
		return "SHUTDOWN";
	case KVM_EXIT_UNKNOWN:
		return "UNKNOWN";
	}
	snprintf(buf, sizeof(buf), "%u", r);
	return buf;
}

/* run: KVM_RUN until the next exit to us, which must be an MMIO write. */
static uint64_t expect_mmio(int vcpu, struct kvm_run *run, uint64_t off,
			    uint32_t len, const char *what)
{
	uint64_t v = 0;

	if (ioctl(vcpu, KVM_RUN, 0) < 0)
		fail("KVM_RUN waiting for %s: %s", what, strerror(errno));
	if (run->exit_reason != KVM_EXIT_MMIO)
		fail("exit %s waiting for %s (MMIO write at 0x%llx)",
		     exit_name(run->exit_reason), what,
		     (unsigned long long)(REPORT_BASE + off));
	if (!run->mmio.is_write || run->mmio.phys_addr != REPORT_BASE + off ||
	    run->mmio.len != len)
		fail("MMIO %s of %u bytes at 0x%llx waiting for %s (write of "
		     "%u at 0x%llx)",
		     run->mmio.is_write ? "write" : "read", run->mmio.len,
		     (unsigned long long)run->mmio.phys_addr, what, len,
		     (unsigned long long)(REPORT_BASE + off));
	memcpy(&v, run->mmio.data, len); /* little-endian guest and host */
	return v;
}

int main(int argc, char **argv)
{
	uint64_t loops = 0, v, want;
	unsigned int limit = 60;
	struct kvm_vcpu_init init;
	struct kvm_run *run;
	int kvm, vm, vcpu, gic, ipa, run_size;
	void *ram;

	if (argc >= 3 && !strcmp(argv[1], "bench")) {
		loops = strtoull(argv[2], NULL, 0);
		if (argc >= 4)
			limit = strtoul(argv[3], NULL, 0);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* No SA_RESTART: the alarm ends a KVM_RUN that never returns. */
	struct sigaction sa = { .sa_handler = on_alarm };
	sigaction(SIGALRM, &sa, NULL);
	alarm(limit);

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		fail("open /dev/kvm: %s", strerror(errno));
	if (ioctl(kvm, KVM_GET_API_VERSION, 0) != KVM_API_VERSION)
		fail("KVM_GET_API_VERSION is not %d", KVM_API_VERSION);
	/* The largest IPA size KVM supports; 0 means the fixed 40 bits. */
	ipa = ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_ARM_VM_IPA_SIZE);
	vm = ioctl(kvm, KVM_CREATE_VM,
		   ipa > 0 ? KVM_VM_TYPE_ARM_IPA_SIZE(ipa) : 0);
	if (vm < 0)
		fail("KVM_CREATE_VM (IPA %d bits): %s", ipa, strerror(errno));

	ram = mmap(NULL, RAM_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ram == MAP_FAILED)
		fail("mmap: %s", strerror(errno));
	memcpy(ram, l2_code_start, l2_code_end - l2_code_start);
	struct kvm_userspace_memory_region slot = {
		.slot = 0,
		.guest_phys_addr = RAM_BASE,
		.memory_size = RAM_SIZE,
		.userspace_addr = (uint64_t)ram,
	};
	xioctl(vm, KVM_SET_USER_MEMORY_REGION, &slot,
	       "KVM_SET_USER_MEMORY_REGION");

	/* The GIC before the vCPU, its addresses, its init after the vCPU. */
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_ARM_VGIC_V3 };
	xioctl(vm, KVM_CREATE_DEVICE, &cd, "KVM_CREATE_DEVICE VGIC_V3");
	gic = cd.fd;
	uint64_t gicd = GICD_BASE, gicr = GICR_BASE;
	set_attr(gic, KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_V3_ADDR_TYPE_DIST,
		 &gicd, "GICD address");
	set_attr(gic, KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_V3_ADDR_TYPE_REDIST,
		 &gicr, "GICR address");

	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (vcpu < 0)
		fail("KVM_CREATE_VCPU: %s", strerror(errno));
	memset(&init, 0, sizeof(init));
	xioctl(vm, KVM_ARM_PREFERRED_TARGET, &init, "KVM_ARM_PREFERRED_TARGET");
	init.features[0] |= 1u << KVM_ARM_VCPU_PSCI_0_2;
	xioctl(vcpu, KVM_ARM_VCPU_INIT, &init, "KVM_ARM_VCPU_INIT");
	set_attr(gic, KVM_DEV_ARM_VGIC_GRP_CTRL, KVM_DEV_ARM_VGIC_CTRL_INIT,
		 NULL, "VGIC CTRL_INIT");

	set_reg(vcpu, CORE_REG(regs.pc), RAM_BASE, "PC");
	set_reg(vcpu, CORE_REG(regs.regs[19]), loops, "x19");
	want = get_reg(vcpu, KVM_REG_ARM_PSCI_VERSION, "PSCI version");

	run_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (run_size < (int)sizeof(*run))
		fail("KVM_GET_VCPU_MMAP_SIZE: %d", run_size);
	run = mmap(NULL, run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (run == MAP_FAILED)
		fail("mmap kvm_run: %s", strerror(errno));

	v = expect_mmio(vcpu, run, REPORT_MAGIC, 4, "the MMIO write");
	add_seen(" mmio=0x%llx:4:0x%llx",
		 (unsigned long long)(REPORT_BASE + REPORT_MAGIC),
		 (unsigned long long)v);
	if (v != MMIO_MAGIC)
		fail("MMIO data 0x%llx, not 0x%x", (unsigned long long)v,
		     MMIO_MAGIC);

	v = expect_mmio(vcpu, run, REPORT_PSCI, 4, "PSCI_VERSION's result");
	add_seen(" psci_version=0x%llx", (unsigned long long)v);
	if (v != want)
		fail("PSCI_VERSION gave 0x%llx, KVM_REG_ARM_PSCI_VERSION is "
		     "0x%llx",
		     (unsigned long long)v, (unsigned long long)want);

	v = expect_mmio(vcpu, run, REPORT_LOOP, 8, "the hypercall loop");
	add_seen(" hvc_loop=%llu", (unsigned long long)v);
	if (v != loops)
		fail("hypercall loop count %llu, not %llu",
		     (unsigned long long)v, (unsigned long long)loops);

	v = expect_mmio(vcpu, run, REPORT_TIMER_CTL, 4, "the timer (WFI)");
	add_seen(" cntv_ctl=0x%llx", (unsigned long long)v);
	if (v != (CNTV_CTL_ENABLE | CNTV_CTL_ISTATUS))
		fail("CNTV_CTL_EL0 0x%llx after the wake-up, not 0x%x",
		     (unsigned long long)v, CNTV_CTL_ENABLE | CNTV_CTL_ISTATUS);

	v = expect_mmio(vcpu, run, REPORT_INTID, 4, "ICC_IAR1_EL1");
	add_seen(" intid=%llu", (unsigned long long)v);
	if (v != VTIMER_INTID)
		fail("ICC_IAR1_EL1 gave %llu, not %d", (unsigned long long)v,
		     VTIMER_INTID);

	if (ioctl(vcpu, KVM_RUN, 0) < 0)
		fail("KVM_RUN waiting for SYSTEM_OFF: %s", strerror(errno));
	if (run->exit_reason != KVM_EXIT_SYSTEM_EVENT)
		fail("exit %s waiting for SYSTEM_OFF",
		     exit_name(run->exit_reason));
	add_seen(" system_event=%u", run->system_event.type);
	if (run->system_event.type != KVM_SYSTEM_EVENT_SHUTDOWN)
		fail("system event %u, not SHUTDOWN", run->system_event.type);

	printf("vmm: PASS%s\n", seen);
	return 0;
}
