// Paths that lead elsewhere: symbolic links to articles and photos are followed inside the
// content folder and refused outside it, like "../". Output that cannot go where it is asked
// (a file in the way, a file system that takes no folders) is one ContentError, promptly;
// temporary files never outlive their write, not even a killed one.
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEdition } from '../../src/io/loadEdition.js';
import { ensureFolder, missingFolders, outputError, writeFileAtomic } from '../../src/io/writeFileAtomic.js';
import { ContentError } from '../../src/model/errors.js';
import { rejectionOf } from '../helpers/contentError.js';

const PHOTO = fileURLToPath(new URL('../../content/2024-03-12/photos/citrus.jpg', import.meta.url));
const DIST_WRITE = fileURLToPath(new URL('../../dist/io/writeFileAtomic.js', import.meta.url));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stonehand-links-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const article = (headline: string, extra = '') => `---\nheadline: ${headline}\ndate: 2024-01-02\n${extra}---\n\n${headline} body words.\n`;


/** content/2024-01-02/ with edition.yaml and a.md; returns the edition folder. */
async function edition(): Promise<string> {
  const folder = join(dir, 'content', '2024-01-02');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'edition.yaml'), 'paper: The Test Paper\ndate: 2024-01-02\nformat: tabloid\n');
  await writeFile(join(folder, 'a.md'), article('Alpha'));
  return folder;
}

describe('symbolic links to articles', () => {
  it('reads an article linked from elsewhere in the content folder', async () => {
    const folder = await edition();
    await mkdir(join(dir, 'content', 'shared'));
    await writeFile(join(dir, 'content', 'shared', 'syndicated.md'), article('Syndicated'));
    await symlink('../shared/syndicated.md', join(folder, 'linked.md'));
    const loaded = await loadEdition(folder);
    expect(loaded.articles.map((a) => [a.slug, a.headline])).toEqual([
      ['a', 'Alpha'],
      ['linked', 'Syndicated'],
    ]);
  });

  it('reads edition.yaml linked from inside the content folder, and refuses one from outside', async () => {
    const folder = await edition();
    await writeFile(join(dir, 'content', 'house.yaml'), 'paper: The Linked Paper\ndate: 2024-01-02\nformat: berliner\n');
    await rm(join(folder, 'edition.yaml'));
    await symlink('../house.yaml', join(folder, 'edition.yaml'));
    expect((await loadEdition(folder)).paper).toBe('The Linked Paper');
    await writeFile(join(dir, 'elsewhere.yaml'), 'paper: Elsewhere\ndate: 2024-01-02\nformat: tabloid\n');
    await rm(join(folder, 'edition.yaml'));
    await symlink(join(dir, 'elsewhere.yaml'), join(folder, 'edition.yaml'));
    expect((await rejectionOf(loadEdition(folder))).problem).toMatch(/^is a symbolic link to .*elsewhere\.yaml, outside the content folder/);
  });

  it('refuses a link that leads outside the content folder, or nowhere', async () => {
    const folder = await edition();
    await writeFile(join(dir, 'outside.md'), article('Outside'));
    await symlink(join(dir, 'outside.md'), join(folder, 'evil.md'));
    const e = await rejectionOf(loadEdition(folder));
    expect(e.file).toBe(join(folder, 'evil.md'));
    expect(e.problem).toMatch(/^is a symbolic link to .*outside\.md, outside the content folder/);
    await rm(join(folder, 'evil.md'));
    await symlink(join(folder, 'gone.md'), join(folder, 'dangling.md'));
    expect((await rejectionOf(loadEdition(folder))).problem).toBe('is a symbolic link to a file that does not exist');
  });
});

describe('symbolic links to photos', () => {
  it('refuses a photo linked from outside the content folder, and takes one linked inside', async () => {
    const folder = await edition();
    await mkdir(join(folder, 'photos'));
    await copyFile(PHOTO, join(dir, 'secret.jpg'));
    await symlink(join(dir, 'secret.jpg'), join(folder, 'photos', 'out.jpg'));
    await writeFile(join(folder, 'a.md'), article('Alpha', 'photo:\n  file: photos/out.jpg\n'));
    const e = await rejectionOf(loadEdition(folder));
    expect(e.file).toBe(join(folder, 'a.md'));
    expect(e.problem).toMatch(/^photo path "photos\/out\.jpg" is a symbolic link to .*secret\.jpg, outside the content folder/);
    // a folder of photos linked inside the content folder is fine
    await mkdir(join(dir, 'content', 'library'));
    await copyFile(PHOTO, join(dir, 'content', 'library', 'citrus.jpg'));
    await symlink('../library', join(folder, 'lib'));
    await writeFile(join(folder, 'a.md'), article('Alpha', 'photo:\n  file: lib/citrus.jpg\n'));
    expect((await loadEdition(folder)).articles[0].photo?.file).toBe('lib/citrus.jpg');
  });

  it('refuses it for a single article too', async () => {
    await copyFile(PHOTO, join(dir, 'secret.jpg'));
    const folder = join(dir, 'one');
    await mkdir(folder);
    await symlink(join(dir, 'secret.jpg'), join(folder, 'p.jpg'));
    await writeFile(join(folder, 'story.md'), article('Story', 'photo: p.jpg\n'));
    expect((await rejectionOf(loadEdition(join(folder, 'story.md')))).problem).toMatch(/symbolic link to .*secret\.jpg, outside the content folder/);
  });
});

describe('output folders', () => {
  it('names a file that stands where a folder should', async () => {
    await writeFile(join(dir, 'afile'), 'x');
    const e = await rejectionOf(missingFolders(join(dir, 'afile')));
    expect(e.problem).toBe('cannot be the output folder: it is a file, not a folder');
    expect((await rejectionOf(ensureFolder(join(dir, 'afile', '2024-01-02')))).problem).toMatch(/afile is a file, not a folder$/);
  });

  it.runIf(process.platform === 'linux')('refuses a folder under /proc at once (mkdir -p there never returns)', async () => {
    const e = await rejectionOf(ensureFolder('/proc/stonehand-nowhere/2024-01-02'));
    expect(e.problem).toMatch(/^cannot be the output folder: \/proc\/stonehand-nowhere cannot be made \(ENOENT/);
  });

  it('turns a failed write into one message naming the file', () => {
    const error = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const e = outputError(error, 'out/x.pdf') as ContentError;
    expect(e).toBeInstanceOf(ContentError);
    expect(e.message).toBe('out/x.pdf: cannot be written (EACCES: permission denied)');
    const other = new TypeError('not a file-system error');
    expect(outputError(other, 'out/x.pdf')).toBe(other);
  });
});

describe('temporary files', () => {
  it('removes the ones a killed run left behind, and leaves a running process\'s alone', async () => {
    const target = join(dir, 'paper.pdf');
    // a pid far above any the system hands out: that process is gone
    await writeFile(join(dir, '.paper.pdf.999999999.0.tmp'), 'half a PDF');
    await writeFile(join(dir, `.paper.pdf.${process.ppid}.3.tmp`), 'another process, still running');
    await writeFile(join(dir, '.other.pdf.999999999.0.tmp'), 'not this target');
    await writeFileAtomic(target, Buffer.from('pdf'));
    expect((await readdir(dir)).sort()).toEqual(['.other.pdf.999999999.0.tmp', `.paper.pdf.${process.ppid}.3.tmp`, 'paper.pdf']);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`removes the temporary file when the process gets ${signal} mid-write`, async () => {
      const target = join(dir, 'paper.pdf');
      // a child that writes with fsync stalled forever, so that the signal lands mid-write
      const script = `
        import { open } from 'node:fs/promises';
        import { writeFileAtomic } from ${JSON.stringify(DIST_WRITE)};
        const h = await open(${JSON.stringify(join(dir, 'probe'))}, 'w');
        Object.getPrototypeOf(h).sync = () => new Promise(() => {});
        await h.close();
        setInterval(() => {}, 1000);
        await writeFileAtomic(${JSON.stringify(target)}, Buffer.alloc(1 << 20, 65));
      `;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
      // wait for the temporary file to appear
      for (let i = 0; i < 2000 && !(await readdir(dir)).some((n) => n.endsWith('.tmp')); i++) await new Promise((r) => setTimeout(r, 10));
      expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toHaveLength(1);
      child.kill(signal);
      expect(await exited).toBe(signal);
      expect((await readdir(dir)).sort()).toEqual(['probe']);
      expect(existsSync(target)).toBe(false);
    });
  }

  it('removes the temporary file of a PDF being streamed (openAtomicFile) when the process gets SIGTERM between pages', async () => {
    const target = join(dir, 'streamed.pdf');
    // a child that writes two pages' worth and then waits, as a build painting its next page
    const script = `
      import { openAtomicFile } from ${JSON.stringify(DIST_WRITE)};
      const file = await openAtomicFile(${JSON.stringify(target)});
      await file.write(Buffer.alloc(1 << 16, 65));
      await file.write(Buffer.alloc(1 << 16, 66));
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    const temps = async () => (await readdir(dir)).filter((n) => n.startsWith('.streamed.pdf.') && n.endsWith('.tmp'));
    // wait for both writes to be in the temporary file
    for (let i = 0; i < 2000; i++) {
      const [temp] = await temps();
      if (temp && (await stat(join(dir, temp))).size === 2 << 16) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const [temp] = await temps();
    expect((await stat(join(dir, temp))).size).toBe(2 << 16);
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    expect(await temps()).toEqual([]);
    expect(existsSync(target)).toBe(false);
  });
});
