// Hand-written PDFs for what pdfkit never writes: forms, named colour spaces, shadings,
// patterns, annotations, inline images, Type 3 fonts, JavaScript, encryption.
import { describe, expect, it } from 'vitest';
import { preflightPdf } from '../../src/preflight/index.js';
import { classicPdf, handPressPdf } from './fixtures.js';

const FUNCTION = '<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [1 0 0 0] /N 1 >>';

describe('preflight of hand-written PDFs', () => {
  it('passes the hand-made press page', () => {
    const pdf = handPressPdf({ resources: '', content: 'BT /F1 10 Tf 72 700 Td (Text) Tj ET 0 0 0 1 k 0 g 0 G 72 72 10 10 re f' });
    expect(preflightPdf(pdf, 'hand.pdf').findings).toEqual([]);
  });

  it('follows colour through named spaces, forms, shadings, patterns, inline images and annotations', () => {
    const inline = Buffer.alloc(10 * 10 * 3, 0x9c);
    const content = Buffer.concat([
      Buffer.from(
        [
          'q /GSok gs /Spot#20Red cs 1 scn 0 0 10 10 re f Q', // Separation with a CMYK alternate: fine
          '/CSrgb CS 1 0 0 SCN 0 0 m 10 10 l S', // ICCBased N 3
          '/Lab0 cs 50 0 0 sc', // Lab
          '/DN cs 1 1 scn', // DeviceN on DeviceRGB
          '/Sh0 sh', // an RGB shading
          '/Pattern cs /P0 scn 0 0 50 50 re f', // a shading pattern, RGB
          '/GSm gs', // blend mode
          'q 2 0 0 2 0 0 cm /Fm0 Do Q',
          'q 300 0 0 300 0 0 cm /Mask0 Do Q', // a stencil mask at 4 px: exempt
          'q 72 0 0 72 0 0 cm /Im2 Do Q', // Indexed on RGB
          'BT /F1 10 Tf (x) Tj ET',
          'q 144 0 0 144 100 100 cm BI /W 10 /H 10 /CS /RGB /BPC 8 ID ',
        ].join('\n'),
        'latin1',
      ),
      inline,
      Buffer.from('\nEI Q\n', 'latin1'),
    ]);
    const pdf = handPressPdf({
      resources: [
        '/XObject << /Fm0 10 0 R /Mask0 20 0 R /Im2 21 0 R >>',
        `/ColorSpace << /CSrgb [/ICCBased 11 0 R] /Spot#20Red [/Separation /PMS#20185 /DeviceCMYK 12 0 R] /Lab0 [/Lab << /WhitePoint [0.95 1 1.09] >>] /DN [/DeviceN [/A /B] /DeviceRGB 12 0 R] >>`,
        '/Shading << /Sh0 13 0 R >> /Pattern << /P0 14 0 R >>',
        '/ExtGState << /GSm << /BM /Multiply >> /GSok << /CA 1 /ca 1 /BM /Normal /SMask /None >> >>',
      ].join(' '),
      content,
      pageExtra: '/Annots [18 0 R]',
      objects: [
        {
          num: 10,
          body: '<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] /Matrix [0.5 0 0 0.5 0 0] /Resources << /XObject << /Im0 16 0 R >> /Font << /F9 17 0 R >> >> >>',
          stream: '0 1 0 rg 0 0 5 5 re f q 72 0 0 72 0 0 cm /Im0 Do Q BT /F9 10 Tf (y) Tj ET',
          flate: true,
        },
        { num: 11, body: '<< /N 3 >>', stream: 'an ICC profile' },
        { num: 12, body: FUNCTION },
        { num: 13, body: '<< /ShadingType 2 /ColorSpace /DeviceRGB /Coords [0 0 1 0] /Function << /FunctionType 2 /Domain [0 1] /C0 [0 0 0] /C1 [1 1 1] /N 1 >> >>' },
        { num: 14, body: '<< /Type /Pattern /PatternType 2 /Shading 15 0 R >>' },
        { num: 15, body: '<< /ShadingType 2 /ColorSpace [/CalRGB << /WhitePoint [0.95 1 1.09] >>] /Coords [0 0 1 0] /Function 12 0 R >>' },
        { num: 16, body: '<< /Type /XObject /Subtype /Image /Width 150 /Height 150 /ColorSpace /DeviceGray /BitsPerComponent 8 >>', stream: Buffer.alloc(150 * 150, 0x80) },
        { num: 17, body: '<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1 1] /FontMatrix [1 0 0 1 0 0] /CharProcs << >> /Encoding << >> /FirstChar 0 /LastChar 0 /Widths [0] >>' },
        { num: 18, body: '<< /Type /Annot /Subtype /Widget /Rect [100 100 150 150] /F 4 /AP << /N 19 0 R >> >>' },
        { num: 19, body: '<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] >>', stream: '1 0 0 RG 0 0 m 10 10 l S' },
        { num: 20, body: '<< /Type /XObject /Subtype /Image /Width 4 /Height 4 /ImageMask true /BitsPerComponent 1 >>', stream: Buffer.alloc(4, 0xf0) },
        {
          num: 21,
          body: '<< /Type /XObject /Subtype /Image /Width 1000 /Height 1000 /ColorSpace [/Indexed /DeviceRGB 1 <ff000000ff00>] /BitsPerComponent 1 >>',
          stream: Buffer.alloc(125 * 1000, 0),
        },
      ],
    });
    const result = preflightPdf(pdf, 'kitchen.pdf');
    expect(result.findings.map((f) => [f.rule, f.severity, f.object, f.message])).toEqual([
      ['colour', 'error', 'content', 'RGB stroke colour space /CSrgb (ICCBased RGB) (CS)'],
      ['colour', 'error', 'content', 'RGB fill colour space /Lab0 (Lab) (cs)'],
      ['colour', 'error', 'content', 'RGB fill colour space /DN (DeviceN with alternate DeviceRGB) (cs)'],
      ['colour', 'error', 'shading /Sh0', 'RGB colour space DeviceRGB'],
      ['colour', 'error', 'pattern /P0 shading', 'RGB colour space CalRGB'],
      ['transparency', 'error', 'ExtGState /GSm', 'blend mode /Multiply (only /Normal)'],
      ['colour', 'error', 'form /Fm0', 'RGB fill colour (rg)'],
      ['resolution', 'warning', 'form /Fm0 › image /Im0', 'effective resolution 150 ppi < 200 ppi (newsprint)'],
      ['fonts', 'warning', 'form /Fm0 › font /F9', 'Type 3 font'],
      ['colour', 'error', 'image /Im2', 'RGB colour space Indexed on DeviceRGB'],
      ['colour', 'error', 'inline image', 'RGB colour space DeviceRGB'],
      ['resolution', 'error', 'inline image', 'effective resolution 5 ppi < 200 ppi (newsprint)'],
      ['colour', 'error', 'annotation 1 (/Widget) appearance /N', 'RGB stroke colour (RG)'],
    ]);
    expect(result.findings.every((f) => f.page === 1)).toBe(true);
  });

  it('reports a form used on every page once, and each placement of an image', () => {
    const objects = [
      { num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
      { num: 2, body: '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 100 100] /TrimBox [0 0 100 100] /BleedBox [0 0 100 100] /Resources << /XObject << /Fm 5 0 R /Im 6 0 R >> >> >>' },
      { num: 3, body: '<< /Type /Page /Parent 2 0 R /Contents 7 0 R >>' },
      { num: 4, body: '<< /Type /Page /Parent 2 0 R /Contents 7 0 R >>' },
      { num: 5, body: '<< /Subtype /Form /BBox [0 0 1 1] >>', stream: '1 0 0 rg 0 0 1 1 re f 0 0 1 rg 0 0 1 1 re f' },
      { num: 6, body: '<< /Subtype /Image /Width 10 /Height 10 /ColorSpace /DeviceGray /BitsPerComponent 8 >>', stream: Buffer.alloc(100) },
      { num: 7, body: '<< >>', stream: '/Fm Do q 72 0 0 72 0 0 cm /Im Do Q' },
    ];
    const result = preflightPdf(classicPdf(objects, '/Root 1 0 R'), 'two.pdf');
    const body = result.findings.filter((f) => f.rule === 'colour' || f.rule === 'resolution');
    expect(body.map((f) => [f.page, f.object, f.message])).toEqual([
      [1, 'form /Fm', 'RGB fill colour (rg) (2 times)'],
      [1, 'image /Im', 'effective resolution 10 ppi < 200 ppi (newsprint)'],
      [2, 'image /Im', 'effective resolution 10 ppi < 200 ppi (newsprint)'],
    ]);
    expect(result.pages).toBe(2);
    // boxes inherited from the Pages node: no box findings
    expect(result.findings.some((f) => f.rule === 'boxes')).toBe(false);
  });

  it('flags JavaScript, a page transparency group, a soft mask and a font that is not embedded', () => {
    const pdf = handPressPdf({
      resources: '/Font << /F1 7 0 R /F2 10 0 R >> /ExtGState << /SM << /SMask << /S /Luminosity /G 11 0 R >> >> >>',
      content: 'BT /F2 10 Tf (x) Tj ET /SM gs',
      pageExtra: '/Group << /S /Transparency /CS /DeviceCMYK >>',
      catalogExtra: '/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>',
      objects: [
        { num: 10, body: '<< /Type /Font /Subtype /TrueType /BaseFont /Arial,Bold /FontDescriptor << /Type /FontDescriptor /FontName /Arial,Bold /Flags 32 >> >>' },
        { num: 11, body: '<< /Subtype /Form /BBox [0 0 1 1] /Group << /S /Transparency >> >>', stream: '' },
      ],
    });
    const result = preflightPdf(pdf, 'js.pdf');
    expect(result.findings.map((f) => [f.rule, f.page, f.object, f.message])).toEqual([
      ['javascript', undefined, 'object 1', 'JavaScript action'],
      ['transparency', 1, undefined, 'page transparency group (/Group /S /Transparency)'],
      ['fonts', 1, 'font /F2 (Arial,Bold)', 'font is not embedded'],
      ['transparency', 1, 'ExtGState /SM', 'soft mask (/SMask)'],
    ]);
  });

  it('flags encryption and does not read the encrypted content', () => {
    const pdf = handPressPdf({
      resources: '',
      content: 'garbage that decryption would have turned into operators 1 0 0 rg',
      trailerExtra: '/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>',
    });
    const result = preflightPdf(pdf, 'locked.pdf');
    expect(result.findings.map((f) => [f.rule, f.message])).toEqual([
      ['encryption', 'the file is encrypted (/Encrypt); PDF/X forbids encryption, and its content was not checked'],
    ]);
  });

  it('reads an indirect /Length, a wrong /Length and names with #xx escapes', () => {
    // stream 4 holds the word "endstream" in a string: only its (indirect) /Length finds its end
    const data4 = '(endstream) Tj /C#20S cs';
    const pdf = classicPdf(
      [
        { num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
        { num: 2, body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
        {
          num: 3,
          body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /TrimBox [0 0 100 100] /BleedBox [0 0 100 100] /Contents [4 0 R 6 0 R] /Resources << /ColorSpace << /C#20S /DeviceRGB >> >> >>',
        },
        { num: 4, body: `<< /Length 5 0 R >>\nstream\n${data4}\nendstream` },
        { num: 5, body: String(data4.length) },
        // a /Length that is wrong: the data runs to endstream
        { num: 6, body: '<< /Length 3 >>\nstream\n/C#20S CS\nendstream' },
      ],
      '/Root 1 0 R',
    );
    const result = preflightPdf(pdf, 'lengths.pdf');
    const colour = result.findings.filter((f) => f.rule === 'colour').map((f) => f.message);
    expect(colour).toEqual(['RGB fill colour space /C S (DeviceRGB) (cs)', 'RGB stroke colour space /C S (DeviceRGB) (CS)']);
    expect(result.findings.filter((f) => f.rule === 'structure')).toEqual([]);
  });
});
