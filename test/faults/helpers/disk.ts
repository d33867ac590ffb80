import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
const why = (error: unknown): string =>
  String((error as { stderr?: Buffer }).stderr ?? (error as Error).message)
    .trim()
    .split('\n')[0] ?? 'unknown';

/** A small tmpfs of its own (mount needs root or CAP_SYS_ADMIN). */
export interface SmallDisk {
  dir: string;
  /** Fills every free byte with a filler file. */
  fill(): void;
  /** Deletes the filler file. */
  free(): void;
  unmount(): void;
}

export function mountTmpfs(sizeKb: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'centra-ometria-full-'));
  try {
    run('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const filler = join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      try {
        for (const size of [64 * 1024, 4 * 1024, 512, 1]) {
          const chunk = Buffer.alloc(size, 0x2a);
          try {
            for (;;) writeSync(fd, chunk);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    free: () => rmSync(filler, { force: true }),
    unmount() {
      unmountQuietly(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * An ext4 file system on a loop device, mounted with errors=remount-ro. `failReadOnly()` raises a file-system
 * error through ext4's own test hook (sysfs trigger_fs_error), so the kernel turns the mount read-only under the
 * running service exactly as it does after a disk I/O error, open files included. (A plain `mount -o remount,ro`
 * is refused with EBUSY while SQLite holds its files open for writing.) Such a mount cannot be made writable
 * again in place: `repair()` unmounts, runs e2fsck and mounts it again, as an operator would.
 */
export interface Ext4Disk {
  dir: string;
  failReadOnly(): void;
  repair(): void;
  unmount(): void;
}

export function mountExt4(sizeMb: number): Ext4Disk {
  const dir = mkdtempSync(join(tmpdir(), 'centra-ometria-ext4-'));
  const image = `${dir}.img`;
  const mount = () => run('mount', ['-o', 'loop,errors=remount-ro', image, dir]);
  try {
    run('truncate', ['-s', `${sizeMb}M`, image]);
    run('mkfs.ext4', ['-q', '-F', image]);
    mount();
  } catch (error) {
    rmSync(image, { force: true });
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const device = () => basename(run('findmnt', ['-n', '-o', 'SOURCE', dir]).trim());
  return {
    dir,
    failReadOnly() {
      run('sync', []);
      execFileSync('sh', ['-c', `echo 1 > /sys/fs/ext4/${device()}/trigger_fs_error`]);
    },
    repair() {
      run('umount', [dir]);
      try {
        run('e2fsck', ['-f', '-y', image]);
      } catch (error) {
        // 1: errors corrected (expected after the injected error); anything above is a real problem
        if ((error as { status?: number }).status !== 1) throw error;
      }
      mount();
    },
    unmount() {
      unmountQuietly(dir);
      rmSync(image, { force: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function unmountQuietly(dir: string): void {
  for (let i = 0; i < 3; i++) {
    try {
      run('umount', [dir]);
    } catch {
      return;
    }
  }
}

/** Why a tmpfs cannot be mounted here (not root, no CAP_SYS_ADMIN), or undefined when it can. */
export function tmpfsProblem(): string | undefined {
  try {
    mountTmpfs(256).unmount();
    return undefined;
  } catch (error) {
    return `cannot mount a tmpfs (${why(error)}); run as root to test a full disk`;
  }
}

/** Why an ext4 loop mount with ext4's error hook is not available here, or undefined when it is. */
export function ext4Problem(): string | undefined {
  let disk: Ext4Disk | undefined;
  try {
    disk = mountExt4(8);
    const dev = basename(run('findmnt', ['-n', '-o', 'SOURCE', disk.dir]).trim());
    if (!existsSync(`/sys/fs/ext4/${dev}/trigger_fs_error`)) return 'the kernel has no ext4 trigger_fs_error hook';
    return undefined;
  } catch (error) {
    return `cannot mount an ext4 image on a loop device (${why(error)}); run as root with loop devices to test a read-only disk`;
  } finally {
    disk?.unmount();
  }
}
