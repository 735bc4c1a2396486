import { describe, it, expect } from 'vitest';
import { parseEditionYaml } from '../../src/content/parseEdition.js';
import { ContentError } from '../../src/model/errors.js';

const FILE = 'content/2022-11-15/edition.yaml';

function problem(text: string): string {
  try {
    parseEditionYaml(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).file).toBe(FILE);
    expect((error as Error).message.startsWith(`${FILE}: `)).toBe(true);
    return (error as ContentError).problem;
  }
  throw new Error('expected a ContentError');
}

describe('parseEditionYaml', () => {
  it('reads the three required keys', () => {
    expect(parseEditionYaml('paper: The Morning Ledger\ndate: 2022-11-15\nformat: tabloid\n', FILE)).toEqual({
      paper: 'The Morning Ledger',
      date: '2022-11-15',
      format: 'tabloid',
    });
  });

  it('reads the edition line and the page plan', () => {
    const text = 'paper: The Morning Ledger\ndate: 2022-11-15\nformat: broadsheet\nedition: Late Edition\npages: [[lead, second], [third]]\n';
    expect(parseEditionYaml(text, FILE)).toEqual({
      paper: 'The Morning Ledger',
      date: '2022-11-15',
      format: 'broadsheet',
      editionLine: 'Late Edition',
      pages: [['lead', 'second'], ['third']],
    });
  });

  it('reads the content edition.yaml shape, block lists and every format', () => {
    for (const format of ['tabloid', 'berliner', 'broadsheet', 'letter', 'a4']) {
      expect(parseEditionYaml(`paper: P\ndate: 2022-11-15\nformat: ${format}\n`, FILE).format).toBe(format);
    }
    const text = 'paper: P\ndate: 2022-11-15\nformat: A4\npages:\n  - [a]\n  - - b\n    - c\n';
    expect(parseEditionYaml(text, FILE)).toEqual({ paper: 'P', date: '2022-11-15', format: 'a4', pages: [['a'], ['b', 'c']] });
  });

  it('names the key that is missing or wrong', () => {
    expect(problem('date: 2022-11-15\nformat: tabloid')).toMatch(/^paper is missing/);
    expect(problem('paper: 12\ndate: 2022-11-15\nformat: tabloid')).toMatch(/^paper must be/);
    expect(problem('paper: P\nformat: tabloid')).toMatch(/^date is missing/);
    expect(problem('paper: P\ndate: 15.11.2022\nformat: tabloid')).toMatch(/^date must be a date written YYYY-MM-DD/);
    expect(problem('paper: P\ndate: 2022-13-01\nformat: tabloid')).toMatch(/^date must be/);
    expect(problem('paper: P\ndate: 2022-11-15')).toMatch(/^format is missing \(one of tabloid, berliner, broadsheet, letter, a4\)/);
    expect(problem('paper: P\ndate: 2022-11-15\nformat: quarto')).toMatch(/^format must be one of tabloid, berliner, broadsheet, letter, a4, got "quarto"/);
    expect(problem('paper: P\ndate: 2022-11-15\nformat: tabloid\ncolumns: 5')).toMatch(/^unknown key "columns"/);
    expect(problem('paper: P\ndate: 2022-11-15\nformat: tabloid\npages: lead')).toMatch(/^pages must be a list/);
    expect(problem('paper: P\ndate: 2022-11-15\nformat: tabloid\npages: [[a, 3]]')).toMatch(/^pages: page 1, item 2/);
    expect(problem('paper: P\ndate: 2022-11-15\nformat: tabloid\npages: [[a], [a]]')).toMatch(/^pages: "a" is planned twice/);
    // a plan that names no story at all would make an edition of nothing
    expect(problem('paper: P\ndate: 2022-11-15\nformat: tabloid\npages: []')).toMatch(/^pages: the page plan names no story/);
    expect(problem('paper: P\ndate: 2022-11-15\nformat: tabloid\npages: [[], []]')).toMatch(/^pages: the page plan names no story/);
    // an empty page among planned ones is refused, wherever it stands, not dropped or misread
    expect(problem('paper: P\ndate: 2022-11-15\nformat: tabloid\npages: [[a], [], [b]]')).toMatch(/^pages: page 2 of the page plan names no story/);
    expect(problem('paper: P\ndate: 2022-11-15\nformat: tabloid\npages: [[], [a, b]]')).toMatch(/^pages: page 1 of the page plan names no story/);
    expect(problem('paper: P\ndate: 2022-11-15\nformat: tabloid\npages: [[a, b], [], []]')).toMatch(/^pages: pages 2, 3 of the page plan name no story/);
    expect(problem('paper: P\ndate: 2022-11-15\nformat: tabloid\nedition: [x]')).toMatch(/^edition must be/);
  });

  it('refuses empty files, non-mappings and YAML syntax errors with the line', () => {
    expect(problem('# nothing here\n')).toMatch(/^is empty/);
    expect(problem('- a\n- b\n')).toMatch(/^must be a set of "key: value" lines/);
    expect(problem('paper: P\ndate: 2022-11-15\nformat: [tabloid\n')).toMatch(/^edition settings is not valid YAML \(line \d\)/);
    expect(problem('paper: P\npaper: Q\ndate: 2022-11-15\nformat: tabloid\n')).toMatch(/^edition settings is not valid YAML \(line 2\)/);
  });
});
